using System.Collections.Immutable;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Journal;

/// <summary>Debits and credits of one account, posted and pending (TigerBeetle's four columns), in minor units.</summary>
public sealed record AccountBalance(long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)
{
    public static readonly AccountBalance Zero = new(0, 0, 0, 0);

    public long PostedDebitBalance => DebitsPosted - CreditsPosted;
}

/// <summary>
/// One fund's journal folded into account balances. Applying an entry checks what a ledger must:
/// one currency, balanced entries, and post/void only of an open pending transfer of the same amount.
/// </summary>
public sealed record FundLedger(
    FundId FundId,
    Currency Currency,
    ImmutableDictionary<AccountCode, AccountBalance> Balances,
    ImmutableDictionary<string, Transfer> OpenPending)
{
    public static FundLedger Empty(FundId fundId, Currency currency) => new(
        fundId, currency, ImmutableDictionary<AccountCode, AccountBalance>.Empty, ImmutableDictionary<string, Transfer>.Empty);

    public AccountBalance BalanceOf(AccountCode code) => Balances.GetValueOrDefault(code, AccountBalance.Zero);

    public FundLedger Apply(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Invariant.Require(entry.FundId == FundId, $"entry of fund {entry.FundId} applied to the journal of {FundId}");
        Invariant.Require(entry.IsBalanced(), $"{entry.EventAlias} entry balances");
        var balances = Balances;
        var pending = OpenPending;
        foreach (var transfer in entry.Transfers)
        {
            Invariant.Require(transfer.Amount.Currency == Currency, $"{entry.EventAlias} is in the fund's currency {Currency}");
            var amount = transfer.Amount.MinorUnits;
            var debit = balances.GetValueOrDefault(transfer.Debit, AccountBalance.Zero);
            var credit = balances.GetValueOrDefault(transfer.Credit, AccountBalance.Zero);
            switch (transfer.Kind)
            {
                case TransferKind.Posted:
                    debit = debit with { DebitsPosted = checked(debit.DebitsPosted + amount) };
                    credit = credit with { CreditsPosted = checked(credit.CreditsPosted + amount) };
                    break;
                case TransferKind.Pending:
                    Invariant.Require(
                        transfer.PendingId is not null && !pending.ContainsKey(transfer.PendingId), $"pending id {transfer.PendingId} is new");
                    pending = pending.Add(transfer.PendingId!, transfer);
                    debit = debit with { DebitsPending = checked(debit.DebitsPending + amount) };
                    credit = credit with { CreditsPending = checked(credit.CreditsPending + amount) };
                    break;
                case TransferKind.PostPending:
                case TransferKind.VoidPending:
                    RequireMatchingPending(pending, transfer);
                    pending = pending.Remove(transfer.PendingId!);
                    debit = debit with { DebitsPending = debit.DebitsPending - amount };
                    credit = credit with { CreditsPending = credit.CreditsPending - amount };
                    if (transfer.Kind == TransferKind.PostPending)
                    {
                        debit = debit with { DebitsPosted = checked(debit.DebitsPosted + amount) };
                        credit = credit with { CreditsPosted = checked(credit.CreditsPosted + amount) };
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(entry), transfer.Kind, "Unknown transfer kind.");
            }

            balances = balances.SetItem(transfer.Debit, debit).SetItem(transfer.Credit, credit);
        }

        return this with { Balances = balances, OpenPending = pending };
    }

    /// <summary>The trial balance: across all accounts, posted debits equal posted credits and pending debits equal pending credits.</summary>
    public bool IsBalanced() =>
        Balances.Values.Sum(balance => balance.DebitsPosted) == Balances.Values.Sum(balance => balance.CreditsPosted)
        && Balances.Values.Sum(balance => balance.DebitsPending) == Balances.Values.Sum(balance => balance.CreditsPending);

    private static void RequireMatchingPending(ImmutableDictionary<string, Transfer> pending, Transfer transfer)
    {
        Invariant.Require(
            transfer.PendingId is not null && pending.TryGetValue(transfer.PendingId, out var open)
            && open.Amount == transfer.Amount && open.Debit == transfer.Debit && open.Credit == transfer.Credit,
            $"{transfer.Kind} {transfer.PendingId} closes an open pending transfer of the same amount and accounts");
    }
}

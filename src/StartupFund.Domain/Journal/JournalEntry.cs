using StartupFund.Domain.Values;

namespace StartupFund.Domain.Journal;

/// <summary>
/// TigerBeetle's two-phase transfers: a <see cref="Pending"/> transfer holds an amount (a
/// reservation) without moving it; <see cref="PostPending"/> moves it; <see cref="VoidPending"/>
/// drops it. <see cref="Posted"/> moves an amount at once.
/// </summary>
public enum TransferKind
{
    Posted,
    Pending,
    PostPending,
    VoidPending,
}

/// <summary>
/// Debits one account and credits another by the same amount. <see cref="PendingId"/> names the
/// reservation a Pending transfer opens, or a PostPending / VoidPending transfer closes.
/// </summary>
public sealed record Transfer(AccountCode Debit, AccountCode Credit, Money Amount, TransferKind Kind, string? PendingId);

/// <summary>
/// The journal entry of one money event: one or more transfers in one fund's journal. Money that moved
/// carries its value date and the reference a bank statement shows (a payment's reference, a call's id),
/// so the journal can be matched line by line against the fund's bank account.
/// </summary>
public sealed record JournalEntry(
    FundId FundId, string EventAlias, IReadOnlyList<Transfer> Transfers, NodaTime.LocalDate? ValueDate = null, string? Reference = null)
{
    /// <summary>
    /// Per currency, the debits equal the credits in both the posted and the pending columns
    /// (a post moves an amount from pending to posted on both sides).
    /// </summary>
    public bool IsBalanced()
    {
        var totals = new Dictionary<string, (long PostedDebit, long PostedCredit, long PendingDebit, long PendingCredit)>(StringComparer.Ordinal);
        foreach (var transfer in Transfers)
        {
            var amount = transfer.Amount.MinorUnits;
            if (amount <= 0 || transfer.Debit == transfer.Credit)
            {
                return false;
            }

            totals.TryGetValue(transfer.Amount.Currency.Code, out var total);
            total = transfer.Kind switch
            {
                TransferKind.Posted => (total.PostedDebit + amount, total.PostedCredit + amount, total.PendingDebit, total.PendingCredit),
                TransferKind.Pending => (total.PostedDebit, total.PostedCredit, total.PendingDebit + amount, total.PendingCredit + amount),
                TransferKind.PostPending =>
                    (total.PostedDebit + amount, total.PostedCredit + amount, total.PendingDebit - amount, total.PendingCredit - amount),
                TransferKind.VoidPending => (total.PostedDebit, total.PostedCredit, total.PendingDebit - amount, total.PendingCredit - amount),
                _ => throw new ArgumentOutOfRangeException(nameof(transfer), transfer.Kind, "Unknown transfer kind."),
            };
            totals[transfer.Amount.Currency.Code] = total;
        }

        return Transfers.Count > 0 && totals.Values.All(total => total.PostedDebit == total.PostedCredit && total.PendingDebit == total.PendingCredit);
    }
}

using StartupFund.Domain.Applications;
using StartupFund.Domain.Events;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Journal;

/// <summary>
/// The journal entry of each money event (null for events that move no money). Pure: the entry
/// depends on the event alone, so a projection can rebuild the journal from the log at any time.
/// </summary>
public static class JournalPosting
{
    public static JournalEntry? For(object @event) => @event switch
    {
        CapitalCommitted committed => Entry(committed.FundId, committed, Posted(
            AccountCode.UncalledCommitments, ChartOfAccounts.CommittedCapitalFor(committed.Kind), committed.Amount)),
        CapitalCalled called => Entry(called.FundId, called, Posted(
            AccountCode.CapitalCallsReceivable, AccountCode.UncalledCommitments, called.Amount)),
        CapitalReceived received => Entry(received.FundId, received, Posted(
            AccountCode.Cash, AccountCode.CapitalCallsReceivable, received.Amount)) with { ValueDate = received.ValueDate, Reference = received.CallId.Value },
        FundsReserved reserved => new JournalEntry(
            reserved.FundId,
            EventAliases.AliasOf(reserved),
            [.. reserved.Tranches.Select(tranche => Reserve(reserved.ApplicationId, tranche.TrancheNumber, tranche.Attempt, tranche.Amount))]),
        FundsDisbursed disbursed => Entry(disbursed.FundId, disbursed, new Transfer(
            AccountCode.Portfolio,
            AccountCode.Cash,
            disbursed.Amount,
            TransferKind.PostPending,
            PendingId(disbursed.ApplicationId, disbursed.TrancheNumber, disbursed.Attempt))) with { ValueDate = disbursed.ValueDate, Reference = disbursed.PaymentReference },
        // The money that came back names the payment attempt it undoes.
        DisbursementReversed reversed => new JournalEntry(
            reversed.FundId,
            EventAliases.AliasOf(reversed),
            reversed.AfterCancellation
                ? [Posted(AccountCode.Cash, AccountCode.Portfolio, reversed.Amount)]
                : [
                    Posted(AccountCode.Cash, AccountCode.Portfolio, reversed.Amount),
                    Reserve(reversed.ApplicationId, reversed.TrancheNumber, reversed.Attempt + 1, reversed.Amount),
                ],
            reversed.ValueDate,
            PendingId(reversed.ApplicationId, reversed.TrancheNumber, reversed.Attempt)),
        ReservationReleased released => new JournalEntry(
            released.FundId,
            EventAliases.AliasOf(released),
            [.. released.Tranches.Select(tranche => new Transfer(
                AccountCode.Portfolio,
                AccountCode.Cash,
                tranche.Amount,
                TransferKind.VoidPending,
                PendingId(released.ApplicationId, tranche.TrancheNumber, tranche.Attempt)))]),
        // Co-investment entries name their investor, so the memo accounts can be matched against each investor's statement.
        CoInvestmentCommitted committed => Entry(committed.FundId, committed, Posted(
            AccountCode.CoInvestmentCommittedMemo, AccountCode.CoInvestmentContraMemo, committed.Amount)) with { Reference = committed.InvestorId.Value },
        CoInvestmentReceived received => Entry(received.FundId, received, Posted(
            AccountCode.CoInvestmentReceivedMemo, AccountCode.CoInvestmentCommittedMemo, received.Amount)) with { ValueDate = received.ValueDate, Reference = received.InvestorId.Value },
        // Each half undoes what its booking posted: the receipt (received back to committed), the commitment (committed back to contra).
        CoInvestmentCorrected corrected => new JournalEntry(
            corrected.FundId,
            EventAliases.AliasOf(corrected),
            [.. new[]
                {
                    Posted(AccountCode.CoInvestmentCommittedMemo, AccountCode.CoInvestmentReceivedMemo, corrected.ReceivedReversed),
                    Posted(AccountCode.CoInvestmentContraMemo, AccountCode.CoInvestmentCommittedMemo, corrected.CommitmentReduced),
                }.Where(transfer => transfer.Amount.MinorUnits > 0)]) with
        {
            ValueDate = corrected.CorrectedAt.InUtc().Date, Reference = corrected.InvestorId.Value,
        },
        CoInvestmentsReleased released => new JournalEntry(
            released.FundId,
            EventAliases.AliasOf(released),
            [.. new[] { (AccountCode.CoInvestmentReceivedMemo, released.Received), (AccountCode.CoInvestmentCommittedMemo, released.Outstanding) }
                .Where(memo => memo.Item2.MinorUnits > 0)
                .Select(memo => Posted(AccountCode.CoInvestmentContraMemo, memo.Item1, memo.Item2))]),
        _ => null,
    };

    /// <summary>The id of the pending transfer that reserves one tranche for one payment attempt.</summary>
    public static string PendingId(ApplicationId applicationId, int trancheNumber, int attempt) =>
        FormattableString.Invariant($"{applicationId}/tranche-{trancheNumber}/attempt-{attempt}");

    private static Transfer Reserve(ApplicationId applicationId, int trancheNumber, int attempt, Money amount) =>
        new(AccountCode.Portfolio, AccountCode.Cash, amount, TransferKind.Pending, PendingId(applicationId, trancheNumber, attempt));

    private static Transfer Posted(AccountCode debit, AccountCode credit, Money amount) =>
        new(debit, credit, amount, TransferKind.Posted, PendingId: null);

    private static JournalEntry Entry(FundId fundId, object @event, Transfer transfer) =>
        new(fundId, EventAliases.AliasOf(@event), [transfer]);
}

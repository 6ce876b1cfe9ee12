using StartupFund.Domain;
using StartupFund.Ledger;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Pipeline;
using StartupFund.Ledger.Views;

namespace StartupFund.Api.Audit;

/// <summary>Time travel for the views: <c>?asOf=</c> rebuilds them in memory from the events recorded up to that instant.</summary>
public static class AsOf
{
    public const string InstantInFuture = "audit.instant_in_future";

    public static LedgerAudit Audit(this StartupFundLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new LedgerAudit(ledger.Store);
    }

    /// <summary>The read models as they were at <paramref name="asOf"/> (an ISO-8601 instant, not in the future).</summary>
    public static Task<AsOfReadModel> AsOfAsync(this StartupFundLedger ledger, string asOf, CancellationToken cancellationToken) =>
        ledger.AsOfAsync(asOf, null, cancellationToken);

    /// <summary>A fund as it was at <paramref name="asOf"/>, folded from its own stream alone; null if not opened yet.</summary>
    public static async Task<FundView?> FundAsOfAsync(this StartupFundLedger ledger, FundId fundId, string asOf, CancellationToken cancellationToken) =>
        (await ledger.AsOfAsync(asOf, [Streams.Fund(fundId)], cancellationToken).ConfigureAwait(false)).Fund(fundId);

    private static Task<AsOfReadModel> AsOfAsync(this StartupFundLedger ledger, string asOf, IReadOnlyList<string>? streamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(asOf);
        var instant = LedgerAudit.ParseInstant("asOf", asOf);
        if (instant > ledger.Clock.GetCurrentInstant())
        {
            throw new QueryException(InstantInFuture, "asOf", "asOf must not be in the future: the past is fixed, the future is not written yet.");
        }

        return ledger.Audit().AsOfAsync(instant, streamIds, cancellationToken);
    }
}

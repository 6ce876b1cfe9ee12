using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Funding;

/// <summary>
/// Giving reserved money back to the fund's available-to-commit: the startup declines the offer,
/// or the manager cancels what remains unpaid of an approval. Paid tranches stay paid.
/// Co-investment is released with them as far as it will match no public money of this fund: all of
/// it when nothing was paid (a declined offer, a cancellation before the first payment), and what
/// was still outstanding otherwise (what was received stands beside the public money paid).
/// </summary>
internal static class ReleaseRules
{
    public static TwoStreamDecision Decline(DeclineOffer command, ApplicationState application, FundState fund)
    {
        ApplicationRules.RequireStatus(application, ErrorCodes.ApplicationNoOpenOffer, ApplicationStatus.Approved);
        var reason = BoundedText.Optional(command.Reason, Limits.ReasonMaxLength, "Reason");
        var released = Release(application, fund, reason, command.At);
        var declined = new OfferDeclined(application.Id, fund.Id, released.Amount, reason, command.At);
        return new TwoStreamDecision([declined, .. CoInvestmentsLeft(application, fund, command.At)], [released]);
    }

    public static TwoStreamDecision Cancel(CancelRemainder command, ApplicationState application, FundState fund)
    {
        ApplicationRules.RequireStatus(application, ErrorCodes.ApplicationNotFunding, ApplicationStatus.Approved, ApplicationStatus.Active);
        var reason = BoundedText.Required(command.Reason, Limits.ReasonMaxLength, "Reason");
        var released = Release(application, fund, reason, command.At);
        var cancelled = new RemainderCancelled(application.Id, fund.Id, released.Amount, reason, command.At);
        return new TwoStreamDecision([cancelled, .. CoInvestmentsLeft(application, fund, command.At)], [released]);
    }

    /// <summary>The co-investment that will match no public money once the application takes no more (none: no event).</summary>
    internal static IEnumerable<CoInvestmentsReleased> CoInvestmentsLeft(ApplicationState application, FundState fund, Instant at)
    {
        var receivedMinor = application.PaidMinor == 0 ? application.CoInvestmentReceivedMinor : 0;
        var outstandingMinor = application.CoInvestors.Values.Sum(investor => investor.OutstandingMinor);
        if (receivedMinor + outstandingMinor > 0)
        {
            yield return new CoInvestmentsReleased(application.Id, fund.Id, fund.Money(receivedMinor), fund.Money(outstandingMinor), at);
        }
    }

    private static ReservationReleased Release(ApplicationState application, FundState fund, string reason, Instant at)
    {
        var unpaid = application.Tranches
            .Where(tranche => !tranche.Paid)
            .Select(tranche => new ReservedTranche(tranche.TrancheNumber, tranche.Attempt, fund.Money(tranche.AmountMinor)))
            .ToArray();
        var amountMinor = unpaid.Sum(tranche => tranche.Amount.MinorUnits);
        Invariant.Require(amountMinor == application.UnpaidReservedMinor, "unpaid tranches make up the unpaid reservation");
        Invariant.Require(fund.ReservedMinor >= amountMinor, "an application's reservation is held by its fund");
        return new ReservationReleased(fund.Id, application.Id, fund.Money(amountMinor), unpaid, reason, at);
    }
}

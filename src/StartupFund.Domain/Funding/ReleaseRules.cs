using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Funding;

/// <summary>
/// Giving reserved money back to the fund's available-to-commit: the startup declines the offer,
/// or the manager cancels what remains unpaid of an approval. Paid tranches stay paid. A declined
/// offer also releases the co-investments committed alongside it (no public money to match).
/// </summary>
internal static class ReleaseRules
{
    public static TwoStreamDecision Decline(DeclineOffer command, ApplicationState application, FundState fund)
    {
        ApplicationRules.RequireStatus(application, ErrorCodes.ApplicationNoOpenOffer, ApplicationStatus.Approved);
        var reason = BoundedText.Optional(command.Reason, Limits.ReasonMaxLength, "Reason");
        var released = Release(application, fund, reason, command.At);
        var declined = new OfferDeclined(application.Id, fund.Id, released.Amount, reason, command.At);
        if (application.CoInvestors.IsEmpty)
        {
            return new TwoStreamDecision([declined], [released]);
        }

        var outstandingMinor = application.CoInvestors.Values.Sum(investor => investor.OutstandingMinor);
        var coInvestments = new CoInvestmentsReleased(
            application.Id, fund.Id, fund.Money(application.CoInvestmentReceivedMinor), fund.Money(outstandingMinor), command.At);
        return new TwoStreamDecision([declined, coInvestments], [released]);
    }

    public static TwoStreamDecision Cancel(CancelRemainder command, ApplicationState application, FundState fund)
    {
        ApplicationRules.RequireStatus(application, ErrorCodes.ApplicationNotFunding, ApplicationStatus.Approved, ApplicationStatus.Active);
        var reason = BoundedText.Required(command.Reason, Limits.ReasonMaxLength, "Reason");
        var released = Release(application, fund, reason, command.At);
        var cancelled = new RemainderCancelled(application.Id, fund.Id, released.Amount, reason, command.At);
        return new TwoStreamDecision([cancelled], [released]);
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

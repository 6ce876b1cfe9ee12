using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Funding;

/// <summary>
/// A failed bank transfer: the latest paid tranche is reversed, the cash comes back to the fund
/// and the tranche is reserved again (a fresh pending transfer, next attempt), ready to be repaid.
/// The money comes back on its value date (by default the day the reversal is recorded, or the payment's
/// own if that is later: a transfer announced forward-dated may be cancelled before it is due), never before
/// the payment's own, and is cash only from that day. After a cancellation nothing is reserved again:
/// the money returns to available-to-commit, and the application stays cancelled.
/// </summary>
internal static class ReversalRules
{
    public static TwoStreamDecision Decide(ReverseDisbursement command, ApplicationState application, FundState fund)
    {
        ApplicationRules.RequireStatus(application, ErrorCodes.ApplicationNotFunding, [.. ApplicationStatuses.Reversible]);
        var tranche = ApplicationRules.RequireTranche(application, command.TrancheNumber);
        if (!tranche.Paid)
        {
            throw DomainException.Rule(ErrorCodes.TrancheNotPaid, $"Tranche {tranche.TrancheNumber} has not been paid.");
        }

        if (application.Tranches.Skip(tranche.TrancheNumber).Any(later => later.Paid))
        {
            throw DomainException.Rule(
                ErrorCodes.TrancheReversalOutOfOrder, $"A later tranche than {tranche.TrancheNumber} is paid; reverse it first.");
        }

        var reason = BoundedText.Required(command.Reason, Limits.ReasonMaxLength, "Reason");
        Invariant.Require(tranche.PaidOn is not null, "a paid tranche knows the day it was paid");
        var paidOn = tranche.PaidOn!.Value;
        // Without a date the money came back the day it is recorded, or the payment's own day if that is still ahead.
        var cameBack = command.ValueDate ?? LocalDate.Max(command.At.InUtc().Date, paidOn);
        ValueDates.Require(cameBack, command.At, paidOn, "the payment's value date");
        Invariant.Require(fund.DisbursedMinor >= tranche.AmountMinor, "a paid tranche is part of its fund's disbursements");
        var amount = fund.Money(tranche.AmountMinor);
        var reversed = new TrancheDisbursementReversed(
            application.Id, fund.Id, tranche.TrancheNumber, tranche.Attempt, amount, reason, command.At, cameBack);
        var cancelled = application.Status == ApplicationStatus.Cancelled;
        var restored = new DisbursementReversed(
            fund.Id, application.Id, tranche.TrancheNumber, tranche.Attempt, amount, reason, command.At, cameBack, AfterCancellation: cancelled);
        if (!cancelled)
        {
            return new TwoStreamDecision([reversed], [restored]);
        }

        // A cancelled application whose every payment came back funded nothing: its co-investment leaves the figures too.
        var after = ApplicationDecider.Evolve(application, reversed);
        return new TwoStreamDecision([reversed, .. after.PaidMinor == 0 ? ReleaseRules.CoInvestmentsLeft(after, fund, command.At) : []], [restored]);
    }
}

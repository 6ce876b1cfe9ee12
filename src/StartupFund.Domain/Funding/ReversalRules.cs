using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Funding;

/// <summary>
/// A failed bank transfer: the latest paid tranche is reversed, the cash comes back to the fund
/// and the tranche is reserved again (a fresh pending transfer, next attempt), ready to be repaid.
/// The money comes back on its value date (by default the day the reversal is recorded), never before
/// the payment's own, and is cash only from that day.
/// </summary>
internal static class ReversalRules
{
    public static TwoStreamDecision Decide(ReverseDisbursement command, ApplicationState application, FundState fund)
    {
        ApplicationRules.RequireStatus(application, ErrorCodes.ApplicationNotFunding, ApplicationStatus.Active, ApplicationStatus.FullyPaid);
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
        var cameBack = command.ValueDate ?? command.At.InUtc().Date;
        Invariant.Require(tranche.PaidOn is not null, "a paid tranche knows the day it was paid");
        ValueDates.Require(cameBack, command.At, tranche.PaidOn!.Value, "the payment's value date");
        Invariant.Require(fund.DisbursedMinor >= tranche.AmountMinor, "a paid tranche is part of its fund's disbursements");
        var amount = fund.Money(tranche.AmountMinor);
        var reversed = new TrancheDisbursementReversed(
            application.Id, fund.Id, tranche.TrancheNumber, tranche.Attempt, amount, reason, command.At, cameBack);
        var restored = new DisbursementReversed(
            fund.Id, application.Id, tranche.TrancheNumber, tranche.Attempt, amount, reason, command.At, cameBack);
        return new TwoStreamDecision([reversed], [restored]);
    }
}

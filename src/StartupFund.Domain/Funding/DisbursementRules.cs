using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Funding;

/// <summary>
/// Paying a tranche. A tranche is paid only: after the offer was accepted; in order; once its
/// milestone is verified (the first tranche excepted); when the fund has the cash on hand by the
/// payment's value date; and when the co-investment RECEIVED by that date covers the fund's matching
/// policy for all public money paid to this application including this tranche. A closed fund still
/// pays existing approvals.
/// </summary>
internal static class DisbursementRules
{
    public static TwoStreamDecision Decide(DisburseTranche command, ApplicationState application, FundState fund)
    {
        ApplicationRules.RequireActive(application);
        var tranche = ApplicationRules.RequireTranche(application, command.TrancheNumber);
        ApplicationRules.RequireUnpaid(tranche);

        if (application.Tranches.Take(tranche.TrancheNumber - 1).Any(earlier => !earlier.Paid))
        {
            throw DomainException.Rule(ErrorCodes.TrancheOutOfOrder, $"Tranches before {tranche.TrancheNumber} are not paid yet.");
        }

        if (TrancheRules.NeedsVerifiedMilestone(tranche.TrancheNumber) && tranche.MilestoneStatus != MilestoneStatus.Verified)
        {
            throw DomainException.Rule(
                ErrorCodes.TrancheMilestoneNotVerified, $"The milestone of tranche {tranche.TrancheNumber} has not been verified.");
        }

        // That no other payment of the fund has this reference is checked where every reference is kept: the journal's
        // unique index, in the same transaction (the ledger answers payment.reference_reused). A set in the fund's
        // state would grow with every payment, and the state is read and written whole by each command on the fund.
        var reference = BoundedText.Required(command.PaymentReference, Limits.ReferenceMaxLength, "Payment reference");

        // Tranches are paid in order, so their value dates are in order too: none before the previous tranche's.
        if (tranche.TrancheNumber > 1 && application.Tranches[tranche.TrancheNumber - 2].PaidOn is { } previous && previous > application.ApprovedOn)
        {
            ValueDates.Require(command.ValueDate, command.At, previous, $"the payment of tranche {tranche.TrancheNumber - 1}");
        }
        else
        {
            ValueDates.Require(command.ValueDate, command.At, application.ApprovedOn, "the approval");
        }

        var cashOnTheDay = fund.CashOnHandOnMinor(command.ValueDate);
        if (tranche.AmountMinor > cashOnTheDay)
        {
            var later = fund.CashOnHandMinor - cashOnTheDay;   // what the cash comes to once everything valued later has moved
            throw DomainException.Rule(
                ErrorCodes.FundInsufficientCash,
                $"Tranche {tranche.TrancheNumber} needs {fund.Money(tranche.AmountMinor)} on {command.ValueDate:uuuu-MM-dd}; counting capital and payments "
                + $"by their value dates, the fund can spend {fund.Money(Math.Max(0, cashOnTheDay))} from that day on without leaving a later day short"
                + (later > 0 ? $" ({fund.Money(later)} more once capital valued later has arrived: a later value date may do)." : "."));
        }

        var publicAfterMinor = application.PaidMinor + tranche.AmountMinor;
        var requiredPrivateMinor = fund.Policy!.Matching.RequiredPrivateMinor(publicAfterMinor);
        var privateByThen = application.CoInvestmentReceivedOnMinor(command.ValueDate);
        if (privateByThen < requiredPrivateMinor)
        {
            throw DomainException.Rule(
                ErrorCodes.TrancheMatchingNotMet,
                $"{fund.Money(publicAfterMinor)} of public money needs {fund.Money(requiredPrivateMinor)} of co-investment received; "
                + $"{fund.Money(privateByThen)} has arrived by {command.ValueDate:uuuu-MM-dd}.");
        }

        Invariant.Require(fund.ReservedMinor >= tranche.AmountMinor, "a tranche's reservation is held by its fund");
        var amount = fund.Money(tranche.AmountMinor);
        var paid = new TrancheDisbursed(
            application.Id, fund.Id, tranche.TrancheNumber, tranche.Attempt, amount, command.ValueDate, reference, command.At);
        var disbursed = new FundsDisbursed(
            fund.Id, application.Id, tranche.TrancheNumber, tranche.Attempt, amount, command.ValueDate, reference, command.At);
        return new TwoStreamDecision([paid], [disbursed]);
    }
}

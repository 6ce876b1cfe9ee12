using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Funding;

/// <summary>
/// Approval: a decision on a reviewed application that reserves money in the fund. Refused when
/// the fund is closed, scores are missing, the amount breaks the requested amount, the ticket
/// limits or the matching cap, the tranche schedule is malformed, or the fund's
/// available-to-commit would go below zero.
/// </summary>
internal static class ApprovalRules
{
    public static TwoStreamDecision Decide(ApproveApplication command, ApplicationState application, FundState fund)
    {
        ApplicationRules.RequirePending(application);
        ApplicationRules.RequireStatus(application, ErrorCodes.ApplicationNotUnderReview, ApplicationStatus.UnderReview);
        FundDecider.RequireOpen(fund);
        var policy = fund.Policy!;
        var amount = command.Amount.RequireCurrency(fund.Currency, "amount").RequirePositive("amount");

        // What the request itself gets wrong (400) comes before what the fund's or application's state refuses (422).
        var plans = Schedule(command.Tranches, amount, fund.Currency, command.At.InUtc().Date);

        if (amount.MinorUnits > application.RequestedMinor)
        {
            throw DomainException.Rule(
                ErrorCodes.ApprovalExceedsRequested, $"{amount} is more than the {application.Money(application.RequestedMinor)} requested.", "amount");
        }

        if (amount < policy.TicketMin)
        {
            throw DomainException.Rule(ErrorCodes.ApprovalBelowTicketMinimum, $"{amount} is below the minimum ticket of {policy.TicketMin}.", "amount");
        }

        if (amount > policy.TicketMax)
        {
            throw DomainException.Rule(ErrorCodes.ApprovalAboveTicketMaximum, $"{amount} is above the maximum ticket of {policy.TicketMax}.", "amount");
        }

        if (policy.Matching.PublicCapMinor is { } cap && amount.MinorUnits > cap)
        {
            throw DomainException.Rule(
                ErrorCodes.MatchingPublicCapExceeded, $"The matching policy allows at most {fund.Money(cap)} of public money.");
        }

        if (application.Scores.Count < policy.MinimumReviewerScores)
        {
            throw DomainException.Rule(
                ErrorCodes.ApprovalInsufficientScores,
                $"A decision needs {Wording.Count(policy.MinimumReviewerScores, "reviewer score", "reviewer scores")}; "
                + $"{(application.Scores.Count == 1 ? "there is" : "there are")} {application.Scores.Count}.");
        }

        if (amount.MinorUnits > fund.AvailableToCommitMinor)
        {
            throw DomainException.Rule(
                ErrorCodes.FundInsufficientAvailable,
                $"Only {fund.Money(Math.Max(0, fund.AvailableToCommitMinor))} is available to commit.");
        }

        var approved = new ApplicationApproved(command.ApplicationId, fund.Id, amount, plans, command.At);
        var reserved = new FundsReserved(
            fund.Id,
            command.ApplicationId,
            amount,
            [.. plans.Select(plan => new ReservedTranche(plan.TrancheNumber, Attempt: 1, plan.Amount))],
            command.At);
        return new TwoStreamDecision([approved], [reserved]);
    }

    /// <summary>1 to 12 tranches, each positive, due from the day of approval on (within ten years) and in order (two may fall due the same day), summing exactly to the approved amount.</summary>
    private static TranchePlan[] Schedule(IReadOnlyList<TrancheTerms>? tranches, Money amount, Currency currency, LocalDate approvedOn)
    {
        if (tranches is null || tranches.Count == 0)
        {
            throw DomainException.Invalid(ErrorCodes.TrancheScheduleEmpty, "An approval needs at least one tranche.", "tranches");
        }

        if (tranches.Count > Limits.TranchesPerApplicationMax)
        {
            throw DomainException.Invalid(
                ErrorCodes.TrancheScheduleTooLong, $"An approval has at most {Limits.TranchesPerApplicationMax} tranches.", "tranches");
        }

        var plans = new TranchePlan[tranches.Count];
        var total = Money.Zero(currency);
        for (var index = 0; index < tranches.Count; index++)
        {
            var terms = tranches[index] ?? throw DomainException.Invalid(ErrorCodes.TrancheScheduleEmpty, "A tranche is missing.", $"tranches[{index}]");
            var trancheAmount = terms.Amount.RequireCurrency(currency, $"tranches[{index}].amount").RequirePositive($"tranches[{index}].amount");
            if (terms.DueDate < approvedOn)
            {
                throw DomainException.Invalid(ErrorCodes.TrancheDueDatePast,
                    $"Tranche {index + 1} would be due on {terms.DueDate:uuuu-MM-dd}, before the approval ({approvedOn:uuuu-MM-dd}).", $"tranches[{index}].dueDate");
            }

            if (index > 0 && terms.DueDate < plans[index - 1].DueDate)
            {
                throw DomainException.Invalid(ErrorCodes.TrancheDueDatesOutOfOrder, $"Tranche {index + 1} is due before tranche {index}: a tranche may fall due no earlier than the one before.", $"tranches[{index}].dueDate");
            }

            if (terms.DueDate > approvedOn.PlusYears(Limits.TrancheDueYearsMax))
            {
                throw DomainException.Invalid(ErrorCodes.TrancheDueDateTooFar,
                    $"Tranche {index + 1} would be due on {terms.DueDate:uuuu-MM-dd}, more than {Limits.TrancheDueYearsMax} years after the approval ({approvedOn:uuuu-MM-dd}).", $"tranches[{index}].dueDate");
            }

            var milestone = BoundedText.Required(terms.Milestone, Limits.ReasonMaxLength, $"tranches[{index}].milestone");
            plans[index] = new TranchePlan(index + 1, trancheAmount, milestone, terms.DueDate);
            total += trancheAmount;
        }

        if (total != amount)
        {
            throw DomainException.Invalid(ErrorCodes.TrancheScheduleSumMismatch, $"The tranches sum to {total}, not {amount}.", "tranches");
        }

        return plans;
    }
}

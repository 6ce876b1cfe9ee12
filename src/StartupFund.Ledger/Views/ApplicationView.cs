using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Values;

namespace StartupFund.Ledger.Views;

public sealed record StartupView(string StartupId, string Name, string RegistrationNumber, string Country);

/// <param name="PaidOn">The value date of the payment while the tranche is paid (null before it was kept).</param>
/// <param name="Overdue">Unpaid after its due date while the fund still owes it (<see cref="TrancheRules.IsOverdue"/>), on the view's day.</param>
public sealed record TrancheView(
    int TrancheNumber, Money Amount, string Milestone, LocalDate? DueDate, MilestoneStatus MilestoneStatus, bool Paid, int Attempt, LocalDate? PaidOn = null,
    bool Overdue = false);

public sealed record CoInvestorView(string InvestorId, string Name, Money Committed, Money Received, Money Outstanding);

/// <summary>
/// An application as the startup and the manager see it, with what is needed next (version = ETag), on a given day:
/// a tranche's <see cref="TrancheView.Overdue"/> depends on it. <c>OpenQuestion</c> is the fund's question while
/// the application waits for the startup's answer.
/// </summary>
public sealed record ApplicationView(
    string ApplicationId,
    string FundId,
    StartupView? Startup,
    string Sector,
    Stage Stage,
    Instrument Instrument,
    ApplicationStatus Status,
    string Summary,
    string? OpenQuestion,
    Money Requested,
    Money Approved,
    Money Paid,
    Money CoInvestmentReceived,
    int ReviewerScores,
    IReadOnlyList<TrancheView> Tranches,
    IReadOnlyList<CoInvestorView> CoInvestors,
    int? NextTranche,
    string NextStep,
    long Version,
    Instant UpdatedAt)
{
    public static ApplicationView From(ApplicationState state, long version, Instant updatedAt, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(state);
        Money M(long minor) => state.Money(minor);
        var next = state.Tranches.FirstOrDefault(t => !t.Paid);
        return new ApplicationView(
            state.Id.Value,
            state.FundId.Value,
            state.Startup is { } s ? new StartupView(s.StartupId.Value, s.Name, s.RegistrationNumber, s.Country.Value) : null,
            state.Sector,
            state.Stage,
            state.Instrument,
            state.Status,
            state.Summary,
            state.Status == ApplicationStatus.InformationRequested ? state.OpenQuestion : null,
            M(state.RequestedMinor),
            M(state.ApprovedMinor),
            M(state.PaidMinor),
            M(state.CoInvestmentReceivedMinor),
            state.Scores.Count,
            [.. state.Tranches.Select(t => new TrancheView(t.TrancheNumber, M(t.AmountMinor), t.Milestone, t.DueDate, t.MilestoneStatus, t.Paid, t.Attempt, t.PaidOn,
                TrancheRules.IsOverdue(state.Status, t, today)))],
            [.. state.CoInvestors.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
                new CoInvestorView(c.Key, c.Value.Name, M(c.Value.CommittedMinor), M(c.Value.ReceivedMinor), M(c.Value.OutstandingMinor)))],
            ApplicationStatuses.IsPayingOut(state.Status) ? next?.TrancheNumber : null,
            NextStepOf(state, next),
            version,
            updatedAt);
    }

    /// <summary>One sentence for the startup: what has to happen before money moves.</summary>
    public static string NextStepOf(ApplicationState state, TrancheState? next)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status switch
        {
            ApplicationStatus.Submitted => "Waiting for the fund to start the review.",
            ApplicationStatus.UnderReview => "Under review: reviewers score the application, then the fund approves or rejects it.",
            ApplicationStatus.InformationRequested => "The fund asked a question: provide the information requested.",
            ApplicationStatus.Approved => "Approved: accept or decline the offer.",
            ApplicationStatus.Active when next is null => "All tranches are paid.",
            ApplicationStatus.Active when next.MilestoneStatus == MilestoneStatus.NotReported && TrancheRules.NeedsVerifiedMilestone(next.TrancheNumber) =>
                $"Report the milestone of tranche {next.TrancheNumber}: {next.Milestone}.",
            ApplicationStatus.Active when next.MilestoneStatus == MilestoneStatus.Reported && TrancheRules.NeedsVerifiedMilestone(next.TrancheNumber) =>
                $"Waiting for the fund to verify the milestone of tranche {next.TrancheNumber}.",
            ApplicationStatus.Active =>
                $"Tranche {next!.TrancheNumber} is ready to be paid once the co-investment received covers its matching band, where the fund requires matching.",
            ApplicationStatus.FullyPaid => "All tranches are paid.",
            ApplicationStatus.Withdrawn => "Withdrawn by the startup.",
            ApplicationStatus.Rejected => "Rejected.",
            ApplicationStatus.OfferDeclined => "The offer was declined.",
            ApplicationStatus.Cancelled => "The unpaid remainder was cancelled.",
            _ => "Unknown application.",
        };
    }
}

using System.Collections.Immutable;
using NodaTime;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Applications;

public enum ApplicationStatus
{
    None,
    Submitted,
    UnderReview,
    InformationRequested,
    Withdrawn,
    Rejected,

    /// <summary>Approved: an offer waits for the startup's answer; money is reserved.</summary>
    Approved,
    OfferDeclined,

    /// <summary>The offer was accepted: tranches are paid as milestones are verified.</summary>
    Active,
    FullyPaid,
    Cancelled,
}

/// <summary>Sets of statuses that views share.</summary>
public static class ApplicationStatuses
{
    /// <summary>
    /// The statuses of the applications a country's portfolio lists as funded startups: approved (money
    /// reserved), active, fully paid, and cancelled after a payment (what was paid stays paid); see <see cref="IsFunded"/>.
    /// </summary>
    public static IReadOnlyList<ApplicationStatus> Funded { get; } =
        [ApplicationStatus.Approved, ApplicationStatus.Active, ApplicationStatus.FullyPaid, ApplicationStatus.Cancelled];

    /// <summary>
    /// A funded startup: of a <see cref="Funded"/> status, and if cancelled, paid something first (a cancellation before
    /// the first payment funded nothing, and released its co-investment as a declined offer does).
    /// </summary>
    public static bool IsFunded(ApplicationState state) =>
        Funded.Contains(state.Status) && (state.Status != ApplicationStatus.Cancelled || state.PaidMinor > 0);

    /// <summary>Submitted, under review or waiting for information: not decided yet, so the startup may still change or withdraw it.</summary>
    public static bool IsPending(ApplicationStatus status) =>
        status is ApplicationStatus.Submitted or ApplicationStatus.UnderReview or ApplicationStatus.InformationRequested;

    /// <summary>Approved (offer open) or active: the fund still holds the unpaid remainder, and the first unpaid tranche is the next to come.</summary>
    public static bool IsPayingOut(ApplicationStatus status) => status is ApplicationStatus.Approved or ApplicationStatus.Active;

    /// <summary>
    /// The statuses in which co-investment committed earlier may still be received: while paying out, and once fully
    /// paid (money promised may arrive after the last tranche).
    /// </summary>
    public static IReadOnlyList<ApplicationStatus> ReceivingCoInvestment { get; } =
        [ApplicationStatus.Approved, ApplicationStatus.Active, ApplicationStatus.FullyPaid];

    /// <summary>
    /// The statuses in which a paid tranche may be reversed: while paying out, once fully paid, and after a cancellation
    /// (the bank may return a payment whatever the fund decided since, and the books must follow).
    /// </summary>
    public static IReadOnlyList<ApplicationStatus> Reversible { get; } =
        [ApplicationStatus.Active, ApplicationStatus.FullyPaid, ApplicationStatus.Cancelled];
}

public enum MilestoneStatus
{
    NotReported,
    Reported,
    Verified,
}

/// <summary>
/// A tranche of the approved schedule. <see cref="Attempt"/> counts payments tried (reversals add one).
/// <see cref="DueDate"/> is null only in a document written before states carried it (rebuild-read-models fills it in).
/// </summary>
/// <param name="PaidOn">The value date of the payment while the tranche is paid.</param>
public sealed record TrancheState(
    int TrancheNumber, long AmountMinor, string Milestone, LocalDate? DueDate, MilestoneStatus MilestoneStatus, bool Paid, int Attempt, LocalDate? PaidOn = null);

/// <summary>What a tranche needs before it is paid, for the deciders and the views that say what comes next.</summary>
public static class TrancheRules
{
    /// <summary>Every tranche but the first is paid only once its milestone is verified; the first needs no milestone.</summary>
    public static bool NeedsVerifiedMilestone(int trancheNumber) => trancheNumber > 1;

    /// <summary>
    /// Overdue: still unpaid on a day after its due date (UTC) while the fund still owes it (the application is paying
    /// out). Whoever has to act, the startup with its milestone or the fund with the payment, it is late.
    /// </summary>
    public static bool IsOverdue(ApplicationStatus status, TrancheState tranche, LocalDate today) =>
        ApplicationStatuses.IsPayingOut(status) && !tranche.Paid && tranche.DueDate is { } due && due < today;
}

public sealed record CoInvestorPosition(string Name, long CommittedMinor, long ReceivedMinor)
{
    public long OutstandingMinor => CommittedMinor - ReceivedMinor;
}

/// <summary>What an application's decisions need to know, folded from its stream. Amounts are minor units of <see cref="Currency"/>.</summary>
public sealed record ApplicationState
{
    public static readonly ApplicationState Initial = new();

    /// <summary>The version of this state's JSON: a snapshot of another shape is ignored and folded again (2: tranches carry due dates; 3: submission, decision and approval; 4: co-investment by value date; 5: the day a tranche was paid; 6: the open question).</summary>
    public const string Shape = "6";

    public ApplicationStatus Status { get; init; }

    public ApplicationId Id { get; init; }

    public FundId FundId { get; init; }

    public StartupProfile? Startup { get; init; }

    public string Sector { get; init; } = string.Empty;

    public Stage Stage { get; init; }

    public Instrument Instrument { get; init; }

    public Currency Currency { get; init; }

    public long RequestedMinor { get; init; }

    public string Summary { get; init; } = string.Empty;

    /// <summary>The fund's question while it waits for the startup's answer; null once answered (and in states folded before it was kept).</summary>
    public string? OpenQuestion { get; init; }

    /// <summary>When the application was submitted.</summary>
    public Instant SubmittedAt { get; init; }

    /// <summary>When it was first approved or rejected; null while undecided.</summary>
    public Instant? DecidedAt { get; init; }

    /// <summary>The day (UTC) the application was submitted: no co-investment arrived for it before.</summary>
    public LocalDate SubmittedOn => SubmittedAt.InUtc().Date;

    /// <summary>
    /// The day (UTC) of the approval, in an approved application: no tranche was paid before. Only a pending
    /// application is decided, so an approved one's first decision is its approval.
    /// </summary>
    public LocalDate ApprovedOn => DecidedAt?.InUtc().Date ?? default;

    /// <summary>Score by <see cref="ReviewerId.Value"/>: string keys keep the state serializable as a snapshot.</summary>
    public ImmutableDictionary<string, int> Scores { get; init; } = ImmutableDictionary<string, int>.Empty;

    public long ApprovedMinor { get; init; }

    public ImmutableList<TrancheState> Tranches { get; init; } = [];

    /// <summary>Keyed by <see cref="InvestorId.Value"/>.</summary>
    public ImmutableDictionary<string, CoInvestorPosition> CoInvestors { get; init; } =
        ImmutableDictionary<string, CoInvestorPosition>.Empty;

    public long CoInvestmentReceivedMinor { get; init; }

    /// <summary>Co-investment received, by value date (<see cref="Common.ValueDates.Add"/>).</summary>
    public ImmutableDictionary<string, long> CoInvestmentReceivedByValueDate { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>The co-investment that had arrived by <paramref name="day"/>: what matches a payment valued that day.</summary>
    public long CoInvestmentReceivedOnMinor(LocalDate day) => CoInvestmentReceivedMinor - Common.ValueDates.After(CoInvestmentReceivedByValueDate, day);

    public long PaidMinor { get; init; }

    /// <summary>Approved money not yet paid and not released: what the fund still holds reserved.</summary>
    public long UnpaidReservedMinor => ApplicationStatuses.IsPayingOut(Status)
        ? ApprovedMinor - PaidMinor
        : 0;

    public bool IsPending => ApplicationStatuses.IsPending(Status);

    public Money Money(long minorUnits) => new(minorUnits, Currency);
}

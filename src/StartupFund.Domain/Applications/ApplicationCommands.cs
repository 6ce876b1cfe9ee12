using NodaTime;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Applications;

/// <summary>A command decided by <see cref="ApplicationDecider"/> over the application's stream alone.</summary>
public abstract record ApplicationCommand(ApplicationId ApplicationId, Instant At);

public sealed record WithdrawApplication(ApplicationId ApplicationId, string Reason, Instant At) : ApplicationCommand(ApplicationId, At);

public sealed record StartReview(ApplicationId ApplicationId, Instant At) : ApplicationCommand(ApplicationId, At);

public sealed record RequestInformation(ApplicationId ApplicationId, string Question, Instant At) : ApplicationCommand(ApplicationId, At);

public sealed record ProvideInformation(ApplicationId ApplicationId, string Answer, Instant At) : ApplicationCommand(ApplicationId, At);

public sealed record ScoreApplication(ApplicationId ApplicationId, ReviewerId ReviewerId, int Score, string? Comment, Instant At)
    : ApplicationCommand(ApplicationId, At);

public sealed record RejectApplication(ApplicationId ApplicationId, string ReasonCode, string Reason, Instant At)
    : ApplicationCommand(ApplicationId, At);

public sealed record AcceptOffer(ApplicationId ApplicationId, Instant At) : ApplicationCommand(ApplicationId, At);

/// <summary>
/// A private investor commits money beside the fund's. With <paramref name="ReceivedOn"/> the money has
/// also arrived (its value date): the commitment and its receipt are decided and recorded together.
/// </summary>
public sealed record CommitCoInvestment(ApplicationId ApplicationId, InvestorId InvestorId, string InvestorName, Money Amount, Instant At, LocalDate? ReceivedOn = null)
    : ApplicationCommand(ApplicationId, At);

public sealed record ReceiveCoInvestment(ApplicationId ApplicationId, InvestorId InvestorId, Money Amount, LocalDate ValueDate, Instant At)
    : ApplicationCommand(ApplicationId, At);

/// <summary>
/// Corrects what was booked for one co-investor: money booked as received that did not arrive (or came back), and a
/// commitment recorded too large. Either amount may be left out, not both.
/// </summary>
public sealed record CorrectCoInvestment(
    ApplicationId ApplicationId, InvestorId InvestorId, Money? ReceivedReversed, Money? CommitmentReduced, string Reason, Instant At)
    : ApplicationCommand(ApplicationId, At);

public sealed record ReportMilestone(ApplicationId ApplicationId, int TrancheNumber, string Evidence, Instant At)
    : ApplicationCommand(ApplicationId, At);

public sealed record VerifyMilestone(ApplicationId ApplicationId, int TrancheNumber, string? Note, Instant At)
    : ApplicationCommand(ApplicationId, At);

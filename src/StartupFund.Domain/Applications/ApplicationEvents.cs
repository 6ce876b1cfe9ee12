using NodaTime;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Applications;

/// <summary>An event of an application's stream.</summary>
public interface IApplicationEvent
{
    ApplicationId ApplicationId { get; }
}

public sealed record ApplicationSubmitted(
    ApplicationId ApplicationId,
    FundId FundId,
    StartupProfile Startup,
    string Sector,
    Stage Stage,
    Instrument Instrument,
    Money Requested,
    string Summary,
    Instant SubmittedAt) : IApplicationEvent;

/// <summary>The amendable terms after the amendment (a full replacement, not a diff).</summary>
public sealed record ApplicationAmended(
    ApplicationId ApplicationId, string Sector, Stage Stage, Instrument Instrument, Money Requested, string Summary, Instant AmendedAt)
    : IApplicationEvent;

public sealed record ApplicationWithdrawn(ApplicationId ApplicationId, string Reason, Instant WithdrawnAt) : IApplicationEvent;

public sealed record ReviewStarted(ApplicationId ApplicationId, Instant StartedAt) : IApplicationEvent;

public sealed record InformationRequested(ApplicationId ApplicationId, string Question, Instant RequestedAt) : IApplicationEvent;

public sealed record InformationProvided(ApplicationId ApplicationId, string Answer, Instant ProvidedAt) : IApplicationEvent;

public sealed record ApplicationScored(ApplicationId ApplicationId, ReviewerId ReviewerId, int Score, string Comment, Instant ScoredAt)
    : IApplicationEvent;

/// <summary>
/// The reviewers' scores no longer stand: they judged the application before it was amended. They stay in the
/// log (each <see cref="ApplicationScored"/>, with its comment); the reviewers score the amended terms again.
/// </summary>
public sealed record ScoresWithdrawn(ApplicationId ApplicationId, int Count, Instant WithdrawnAt) : IApplicationEvent;

public sealed record ApplicationApproved(
    ApplicationId ApplicationId, FundId FundId, Money Amount, IReadOnlyList<TranchePlan> Tranches, Instant ApprovedAt) : IApplicationEvent;

public sealed record ApplicationRejected(ApplicationId ApplicationId, string ReasonCode, string Reason, Instant RejectedAt)
    : IApplicationEvent;

public sealed record OfferAccepted(ApplicationId ApplicationId, Instant AcceptedAt) : IApplicationEvent;

public sealed record OfferDeclined(ApplicationId ApplicationId, FundId FundId, Money ReleasedAmount, string Reason, Instant DeclinedAt)
    : IApplicationEvent;

public sealed record CoInvestmentCommitted(
    ApplicationId ApplicationId, FundId FundId, InvestorId InvestorId, string InvestorName, Money Amount, Instant CommittedAt)
    : IApplicationEvent;

/// <summary>Private money actually arrived at the startup; only this counts for matching.</summary>
public sealed record CoInvestmentReceived(
    ApplicationId ApplicationId, FundId FundId, InvestorId InvestorId, Money Amount, LocalDate ValueDate, Instant ReceivedAt)
    : IApplicationEvent;

/// <summary>
/// A booking of one co-investor corrected: <see cref="ReceivedReversed"/> no longer counts as received (for matching it
/// never did), <see cref="CommitmentReduced"/> no longer as committed. Either may be zero, not both.
/// </summary>
public sealed record CoInvestmentCorrected(
    ApplicationId ApplicationId, FundId FundId, InvestorId InvestorId, Money ReceivedReversed, Money CommitmentReduced, string Reason, Instant CorrectedAt)
    : IApplicationEvent;

/// <summary>
/// The offer was declined, so the co-investment committed alongside it matches no public money of this fund: the
/// fund stops counting what was received and what was still outstanding (its journal writes both back off).
/// </summary>
public sealed record CoInvestmentsReleased(ApplicationId ApplicationId, FundId FundId, Money Received, Money Outstanding, Instant ReleasedAt)
    : IApplicationEvent;

public sealed record MilestoneReported(ApplicationId ApplicationId, int TrancheNumber, string Evidence, Instant ReportedAt)
    : IApplicationEvent;

public sealed record MilestoneVerified(ApplicationId ApplicationId, int TrancheNumber, string Note, Instant VerifiedAt)
    : IApplicationEvent;

public sealed record TrancheDisbursed(
    ApplicationId ApplicationId,
    FundId FundId,
    int TrancheNumber,
    int Attempt,
    Money Amount,
    LocalDate ValueDate,
    string PaymentReference,
    Instant DisbursedAt) : IApplicationEvent;

/// <summary>A tranche's payment came back; the value date is the day it came back (null in events recorded before it was kept).</summary>
public sealed record TrancheDisbursementReversed(
    ApplicationId ApplicationId, FundId FundId, int TrancheNumber, int Attempt, Money Amount, string Reason, Instant ReversedAt, LocalDate? ValueDate = null)
    : IApplicationEvent;

public sealed record RemainderCancelled(ApplicationId ApplicationId, FundId FundId, Money ReleasedAmount, string Reason, Instant CancelledAt)
    : IApplicationEvent;

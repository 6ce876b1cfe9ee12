using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Funding;

/// <summary>A command about an application that needs its fund's state too (see <see cref="FundingDecider"/>).</summary>
public abstract record FundingCommand(ApplicationId ApplicationId, Instant At);

/// <summary>Submission reads the fund (open, same country and currency) but writes only the application.</summary>
public sealed record SubmitApplication(
    ApplicationId ApplicationId,
    FundId FundId,
    StartupProfile Startup,
    string Sector,
    Stage Stage,
    Instrument Instrument,
    Money Requested,
    string Summary,
    Instant At) : FundingCommand(ApplicationId, At);

/// <summary>Changes the given terms; a null field keeps its current value. Reads the fund (its tickets) but writes only the application.</summary>
public sealed record AmendApplication(
    ApplicationId ApplicationId, string? Sector, Stage? Stage, Instrument? Instrument, Money? Requested, string? Summary, Instant At)
    : FundingCommand(ApplicationId, At);

public sealed record ApproveApplication(ApplicationId ApplicationId, Money Amount, IReadOnlyList<TrancheTerms> Tranches, Instant At)
    : FundingCommand(ApplicationId, At);

public sealed record DeclineOffer(ApplicationId ApplicationId, string? Reason, Instant At) : FundingCommand(ApplicationId, At);

public sealed record DisburseTranche(ApplicationId ApplicationId, int TrancheNumber, LocalDate ValueDate, string PaymentReference, Instant At)
    : FundingCommand(ApplicationId, At);

/// <summary>A payment came back; <paramref name="ValueDate"/> is the day it came back (the day it is recorded when null).</summary>
public sealed record ReverseDisbursement(ApplicationId ApplicationId, int TrancheNumber, string Reason, Instant At, LocalDate? ValueDate = null)
    : FundingCommand(ApplicationId, At);

public sealed record CancelRemainder(ApplicationId ApplicationId, string Reason, Instant At) : FundingCommand(ApplicationId, At);

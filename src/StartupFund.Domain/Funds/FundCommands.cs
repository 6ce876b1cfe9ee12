using NodaTime;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Funds;

/// <summary>A command decided by <see cref="FundDecider"/> over the fund's stream alone.</summary>
public abstract record FundCommand(FundId FundId, Instant At);

public sealed record OpenFund(FundId FundId, CountryCode Country, string Name, Currency Currency, FundPolicy Policy, Instant At)
    : FundCommand(FundId, At);

public sealed record CommitCapital(FundId FundId, SponsorId SponsorId, string SponsorName, SponsorKind Kind, Money Amount, Instant At)
    : FundCommand(FundId, At);

public sealed record CallCapital(FundId FundId, CallId CallId, SponsorId SponsorId, Money Amount, LocalDate DueDate, Instant At)
    : FundCommand(FundId, At);

public sealed record ReceiveCapital(FundId FundId, CallId CallId, Money Amount, LocalDate ValueDate, Instant At)
    : FundCommand(FundId, At);

public sealed record CloseFund(FundId FundId, string Reason, Instant At) : FundCommand(FundId, At);

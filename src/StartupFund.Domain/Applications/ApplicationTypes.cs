using NodaTime;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Applications;

public enum Stage
{
    PreSeed = 1,
    Seed = 2,
    SeriesA = 3,
    SeriesB = 4,
    Growth = 5,
}

public enum Instrument
{
    Equity = 1,
    ConvertibleLoan = 2,
    Grant = 3,
}

/// <summary>The company behind an application.</summary>
public sealed record StartupProfile(StartupId StartupId, string Name, string RegistrationNumber, CountryCode Country);

/// <summary>One tranche as the manager proposes it; numbers are given in order from 1 at approval.</summary>
public sealed record TrancheTerms(Money Amount, string Milestone, LocalDate DueDate);

/// <summary>One tranche of an approved schedule.</summary>
public sealed record TranchePlan(int TrancheNumber, Money Amount, string Milestone, LocalDate DueDate);

namespace StartupFund.Domain.Funding;

/// <summary>
/// The outcome of a decision over an application and its fund: the events to append to each
/// stream, in ONE transaction, each at the version the states were loaded at.
/// </summary>
public sealed record TwoStreamDecision(IReadOnlyList<object> ApplicationEvents, IReadOnlyList<object> FundEvents);

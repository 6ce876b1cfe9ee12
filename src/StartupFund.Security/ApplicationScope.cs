namespace StartupFund.Security;

/// <summary>What the access rules need to know of an application: its country (its fund's), its startup and its co-investors.</summary>
public sealed record ApplicationScope(string Country, string StartupId, IReadOnlyCollection<string> InvestorIds);

namespace StartupFund.Security;

/// <summary>The five roles a token may carry in its repeatable <c>role</c> claim. What each may do is in <see cref="Caller"/>.</summary>
public static class Roles
{
    public const string FundManager = "fund_manager";
    public const string Startup = "startup";
    public const string CoInvestor = "co_investor";
    public const string Regulator = "regulator";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Admin, FundManager, Startup, CoInvestor, Regulator];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

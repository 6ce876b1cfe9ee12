using StartupFund.Security;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>The callers of these tests, in the security issue's roles and scopes (null is anonymous).</summary>
public static class Identities
{
    public static TokenIdentity Admin { get; } = new("reliability-admin", [Roles.Admin]);

    public static TokenIdentity FundManager(string country) => new("manager-" + country, [Roles.FundManager], [country]);

    public static TokenIdentity Startup(string startupId) => new("founder-" + startupId, [Roles.Startup], StartupId: startupId);

    public static TokenIdentity Regulator(string country) => new("regulator-" + country, [Roles.Regulator], [country]);

    public static TokenIdentity CoInvestor(string investorId) => new("investor-" + investorId, [Roles.CoInvestor], InvestorId: investorId);
}

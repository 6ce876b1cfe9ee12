using StartupFund.Security;

namespace StartupFund.Api.Tests.Security;

/// <summary>
/// Every role in scope and out of scope of the matrix's resources: the German fund <c>fund-de</c> and its
/// application <c>app-de</c>, applied for by startup <c>st-own</c> and co-invested in by <c>inv-own</c>.
/// </summary>
public static class Personas
{
    public const string Anonymous = "anonymous";
    public const string Admin = "admin";
    public const string ManagerIn = "manager-de";
    public const string ManagerOut = "manager-ke";
    public const string StartupOwn = "startup-own";
    public const string StartupOther = "startup-other";
    public const string InvestorOwn = "investor-own";
    public const string InvestorOther = "investor-other";
    public const string RegulatorIn = "regulator-de";
    public const string RegulatorOut = "regulator-ke";
    public const string RegulatorGlobal = "regulator-global";

    public const string FundId = "fund-de";
    public const string AppId = "app-de";
    public const string OwnStartup = "st-own";
    public const string OwnInvestor = "inv-own";

    public static IReadOnlyDictionary<string, TokenIdentity?> All { get; } = new Dictionary<string, TokenIdentity?>(StringComparer.Ordinal)
    {
        [Anonymous] = null,
        [Admin] = new("m-admin", [Roles.Admin]),
        [ManagerIn] = new("m-manager-de", [Roles.FundManager], ["DE"]),
        [ManagerOut] = new("m-manager-ke", [Roles.FundManager], ["KE"]),
        [StartupOwn] = new("m-startup-own", [Roles.Startup], StartupId: OwnStartup),
        [StartupOther] = new("m-startup-other", [Roles.Startup], StartupId: "st-other"),
        [InvestorOwn] = new("m-investor-own", [Roles.CoInvestor], InvestorId: OwnInvestor),
        [InvestorOther] = new("m-investor-other", [Roles.CoInvestor], InvestorId: "inv-other"),
        [RegulatorIn] = new("m-regulator-de", [Roles.Regulator], ["DE"]),
        [RegulatorOut] = new("m-regulator-ke", [Roles.Regulator], ["KE"]),
        [RegulatorGlobal] = new("m-regulator-all", [Roles.Regulator], [ClaimNames.AllCountries]),
    };
}

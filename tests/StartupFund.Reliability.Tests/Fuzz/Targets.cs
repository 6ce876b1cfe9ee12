using StartupFund.Reliability.Tests.Harness;
using StartupFund.Security;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>
/// Real resources for the fuzzed paths to name, so that a hostile body meets a fund and applications
/// in every state (pending, under review, offered, paying out), not only "404 no such application".
/// Requests that happen to be valid move the applications on (withdrawn, rejected, paid), so each
/// generation of batches gets fresh ones; closing a fund is aimed at a spare fund, or the target
/// fund would answer every later request with fund.closed.
/// </summary>
public static class Targets
{
    public const string FundId = "fz-de";
    public const string SpareFundId = "fz-spare";
    public const string CallId = "c0";
    public const string StartupId = "fz-startup";
    public const string InvestorId = "fz-angel";

    private static readonly string[] States = ["pending", "review", "offer", "active"];

    private static FundSpec Fund { get; } = new(FundId, "DE", "EUR", 2);

    public static IReadOnlyList<string> ApplicationIds(int generation) =>
        [.. States.Select(state => $"fz-{state}-g{generation.ToString(System.Globalization.CultureInfo.InvariantCulture)}")];

    public static async Task CreateFundsAsync(ApiClient client)
    {
        var records = new List<CommandRecord>();
        foreach (var id in new[] { FundId, SpareFundId })
        {
            foreach (var request in Fund.OpenAndFund(id, committed: 1_000_000_000, called: 100_000_000))
            {
                await Setup.SendAsync(client, request, records);
            }
        }
    }

    /// <summary>The caller each route is meant for, so a fuzzed body gets past the role check to the body's own checks.</summary>
    public static TokenIdentity CallerFor(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.StartsWith("/funds", StringComparison.Ordinal))
        {
            return Identities.Admin;
        }

        string[] applicantRoutes = ["/amendments", "/withdrawal", "/information", "/offer/acceptance", "/offer/decline", "/milestone/report"];
        return template == "/applications" || applicantRoutes.Any(route => template.EndsWith(route, StringComparison.Ordinal))
            ? Identities.Startup(StartupId)
            : Identities.FundManager("DE");
    }

    /// <summary>The event streams of the targets, as the audit endpoints name them.</summary>
    public static IReadOnlyList<string> StreamIds(int generation) =>
        ["fund:" + FundId, "fund:" + SpareFundId, .. ApplicationIds(generation).Select(id => "application:" + id)];

    /// <summary>
    /// Callers who may read what a GET route shows of the targets (docs/security.md): the audit is the
    /// admin's and the regulators'; the fund directory and the applications are everyone's in scope
    /// (the startup owns the target applications); balances, journals and countries are not the startup's.
    /// </summary>
    public static IReadOnlyList<TokenIdentity> ReadersFor(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        TokenIdentity[] managers = [Identities.Admin, Identities.FundManager("DE"), Identities.Regulator("DE")];
        if (template.StartsWith("/audit", StringComparison.Ordinal))
        {
            return [Identities.Admin, Identities.Regulator("DE")];
        }

        return template is "/funds" or "/funds/{fundId}" || template.StartsWith("/applications", StringComparison.Ordinal)
            ? [.. managers, Identities.Startup(StartupId)]
            : managers;
    }

    /// <summary>Callers who may not read the targets: no token, another country's, another startup, a stranger co-investor.</summary>
    public static IReadOnlyList<TokenIdentity?> Intruders { get; } =
        [null, Identities.FundManager("FR"), Identities.Regulator("FR"), Identities.Startup("fz-intruder"), Identities.CoInvestor("fz-stranger")];

    public static async Task CreateApplicationsAsync(ApiClient client, int generation)
    {
        var records = new List<CommandRecord>();
        var startup = Identities.Startup(StartupId);
        var manager = Identities.FundManager("DE");
        foreach (var (id, steps) in ApplicationIds(generation).Select((id, i) => (id, i)))
        {
            await Setup.SendAsync(client, ApiRequest.Command("/applications", startup, $$"""
                {"id":"{{id}}","fundId":"{{FundId}}","startup":{"startupId":"{{StartupId}}","name":"Fuzz target","registrationNumber":"REG-{{id}}","country":"DE"},
                 "sector":"AI","stage":"seed","instrument":"equity","requested":{{Fund.Money(3000)}},"summary":"A target for hostile requests."}
                """), records);
            var path = "/applications/" + id;
            var later = new List<ApiRequest>
            {
                ApiRequest.Command(path + "/review", manager, "{}"),
                ApiRequest.Command(path + "/approval", manager, $$"""
                    {"amount":{{Fund.Money(3000)}},"tranches":[{"amount":{{Fund.Money(1000)}},"milestone":"Pilot","dueDate":"{{Dates.InDays(180)}}"},
                                                              {"amount":{{Fund.Money(2000)}},"milestone":"Launch","dueDate":"{{Dates.InDays(360)}}"}]}
                    """),
                ApiRequest.Command(path + "/offer/acceptance", startup, "{}"),
                ApiRequest.Command($"{path}/co-investments", manager, $$"""{"investorId":"{{InvestorId}}","investorName":"Angel","amount":{{Fund.Money(3000)}}}"""),
                ApiRequest.Command($"{path}/co-investments/{InvestorId}/receipts", manager, $$"""{"amount":{{Fund.Money(1000)}},"valueDate":"{{Dates.InDays(0)}}"}"""),
                ApiRequest.Command(path + "/tranches/1/milestone/report", startup, """{"evidence":"Pilot signed"}"""),
            };
            // pending: none of them; under review: the first; offered: two; paying out: all
            var take = steps switch { 0 => 0, 1 => 1, 2 => 2, _ => later.Count };
            foreach (var request in later.Take(take))
            {
                await Setup.SendAsync(client, request, records);
            }
        }
    }
}

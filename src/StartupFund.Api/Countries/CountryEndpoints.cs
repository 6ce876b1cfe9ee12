using StartupFund.Api.Access;
using StartupFund.Api.Audit;
using StartupFund.Api.Http;
using StartupFund.Domain.Values;
using StartupFund.Ledger;
using StartupFund.Ledger.Views;
using StartupFund.Security;

namespace StartupFund.Api.Countries;

/// <summary>/countries/{code}: the per-country rollups (balance per currency, portfolio and pipeline).</summary>
public static class CountryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var countries = app.MapGroup("/countries").WithTags("Countries");

        countries.MapGet("/{country}/balance", async (string country, string? asOf, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            var code = Overseen(http, country);
            return Results.Ok(asOf is null
                ? await ledger.Queries.CountryBalanceAsync(code, token)
                : (await ledger.AsOfAsync(asOf, token)).CountryBalance(code));
        })
        .Query<CountryBalanceView>("GetCountryBalance",
            "Every fund of the country and the rollup per currency, from the journal; with asOf (ISO instant): as it was then, rebuilt from the events")
        .RequireAuthorization(Policies.Oversee);

        countries.MapGet("/{country}/portfolio", async (string country, string? cursor, int? limit, string? asOf, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            var code = Overseen(http, country);
            return Results.Ok(asOf is null
                ? await ledger.Queries.PortfolioAsync(code, cursor, limit, token)
                : (await ledger.AsOfAsync(asOf, token)).Portfolio(code, cursor, limit));
        })
        .Query<PortfolioView>("GetCountryPortfolio",
            "Funded startups (cursor-paginated), totals by sector and stage, and the pipeline; with asOf (ISO instant): as it was then, rebuilt from the events")
        .RequireAuthorization(Policies.Oversee);
    }

    private static CountryCode Overseen(HttpContext http, string country)
    {
        var code = Parse(country);
        Scopes.Require(Scopes.CallerOf(http).CanOversee(code.Value), $"{code} is outside your countries.");
        return code;
    }

    private static CountryCode Parse(string country)
    {
        var f = new Fields();
        var code = f.Try("country", () => new CountryCode(country));
        f.ThrowIfAny();
        return code;
    }
}

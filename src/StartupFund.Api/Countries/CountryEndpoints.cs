using StartupFund.Api.Audit;
using StartupFund.Api.Http;
using StartupFund.Domain.Values;
using StartupFund.Ledger;
using StartupFund.Ledger.Views;

namespace StartupFund.Api.Countries;

/// <summary>/countries/{code}: the per-country rollups (balance per currency, portfolio and pipeline).</summary>
public static class CountryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var countries = app.MapGroup("/countries").WithTags("Countries");

        countries.MapGet("/{country}/balance", async (string country, string? asOf, StartupFundLedger ledger, CancellationToken token) =>
            Results.Ok(asOf is null
                ? await ledger.Queries.CountryBalanceAsync(Parse(country), token)
                : (await ledger.AsOfAsync(asOf, token)).CountryBalance(Parse(country))))
        .Query<CountryBalanceView>("GetCountryBalance",
            "Every fund of the country and the rollup per currency, from the journal; with asOf (ISO instant): as it was then, rebuilt from the events");

        countries.MapGet("/{country}/portfolio", async (string country, string? cursor, int? limit, string? asOf, StartupFundLedger ledger, CancellationToken token) =>
            Results.Ok(asOf is null
                ? await ledger.Queries.PortfolioAsync(Parse(country), cursor, limit, token)
                : (await ledger.AsOfAsync(asOf, token)).Portfolio(Parse(country), cursor, limit)))
        .Query<PortfolioView>("GetCountryPortfolio",
            "Funded startups (cursor-paginated), totals by sector and stage, and the pipeline; with asOf (ISO instant): as it was then, rebuilt from the events");
    }

    private static CountryCode Parse(string country)
    {
        var f = new Fields();
        var code = f.Try("country", () => new CountryCode(country));
        f.ThrowIfAny();
        return code;
    }
}

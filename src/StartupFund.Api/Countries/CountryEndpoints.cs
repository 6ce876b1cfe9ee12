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

        countries.MapGet("/{country}/balance", async (string country, StartupFundLedger ledger, CancellationToken token) =>
            Results.Ok(await ledger.Queries.CountryBalanceAsync(Parse(country), token)))
        .Query<CountryBalanceView>("GetCountryBalance", "Every fund of the country and the rollup per currency, from the journal");

        countries.MapGet("/{country}/portfolio", async (string country, string? cursor, int? limit, StartupFundLedger ledger, CancellationToken token) =>
            Results.Ok(await ledger.Queries.PortfolioAsync(Parse(country), cursor, limit, token)))
        .Query<PortfolioView>("GetCountryPortfolio", "Funded startups (cursor-paginated), totals by sector and stage, and the pipeline");
    }

    private static CountryCode Parse(string country)
    {
        var f = new Fields();
        var code = f.Try("country", () => new CountryCode(country));
        f.ThrowIfAny();
        return code;
    }
}

using System.Text.Json;
using StartupFund.Domain;
using StartupFund.Domain.Values;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Views;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Audit;

/// <summary>One answer of the live read models that the log does not give.</summary>
public sealed record ReadModelDifference(string What, string? Live, string? FromLog);

public sealed record ReadModelCheckReport(int Funds, int Applications, int Countries, IReadOnlyList<ReadModelDifference> Differences)
{
    public bool IsFaithful => Differences.Count == 0;
}

/// <summary>
/// A regulator's check of the inline read models: every fund, fund balance, application, country
/// balance and whole portfolio as the live tables answer it, compared (as API JSON) with the same
/// answer folded from the log by <see cref="AsOfReadModel"/>. The live answers are read first and the
/// log afterwards, so on a ledger taking commands a fund written in between shows as a difference:
/// run it on a quiet ledger, or run it again.
/// </summary>
public sealed class ReadModelCheck(StartupFundLedger ledger)
{
    public async Task<ReadModelCheckReport> RunAsync(CountryCode? country = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var queries = ledger.Queries;
        var liveFunds = new List<FundView>();
        string? cursor = null;
        do
        {
            var page = await queries.ListFundsAsync(country, cursor, LedgerQueries.MaxPageSize, cancellationToken).ConfigureAwait(false);
            liveFunds.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var liveApplications = new List<ApplicationView>();
        do
        {
            var page = await queries.ListApplicationsAsync(null, country, null, cursor, LedgerQueries.MaxPageSize, cancellationToken).ConfigureAwait(false);
            liveApplications.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var fold = await new LedgerAudit(ledger.Store).AsOfAsync(ledger.Clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        var differences = new List<ReadModelDifference>();
        void Compare(string what, object? live, object? fromLog)
        {
            var a = live is null ? null : JsonSerializer.Serialize(live, LedgerJson.Api);
            var b = fromLog is null ? null : JsonSerializer.Serialize(fromLog, LedgerJson.Api);
            if (a != b)
            {
                differences.Add(new ReadModelDifference(what, a, b));
            }
        }

        var fundIds = liveFunds.Select(f => f.FundId)
            .Concat(fold.FundIds.Where(id => country is null || fold.Fund(new FundId(id))!.Country == country.Value.Value))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var id in fundIds)
        {
            var fundId = new FundId(id);
            Compare($"fund {id}", liveFunds.SingleOrDefault(f => f.FundId == id), fold.Fund(fundId));
            Compare($"fund {id} balance", await queries.FundBalanceAsync(fundId, cancellationToken).ConfigureAwait(false), fold.FundBalance(fundId));
        }

        var applicationIds = liveApplications.Select(a => a.ApplicationId)
            .Concat(fold.ApplicationIds.Where(id => country is null || fold.Application(new ApplicationId(id))!.Startup?.Country == country.Value.Value))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var id in applicationIds)
        {
            Compare($"application {id}", liveApplications.SingleOrDefault(a => a.ApplicationId == id), fold.Application(new ApplicationId(id)));
        }

        var countries = country is { } only
            ? [only.Value]
            : liveFunds.Select(f => f.Country).Concat(fold.Countries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var code in countries.Select(c => new CountryCode(c)))
        {
            Compare($"country {code.Value} balance", await queries.CountryBalanceAsync(code, cancellationToken).ConfigureAwait(false), fold.CountryBalance(code));
            Compare($"country {code.Value} portfolio", await WholePortfolioAsync(queries, code, cancellationToken).ConfigureAwait(false), fold.WholePortfolio(code));
        }

        return new ReadModelCheckReport(fundIds.Count, applicationIds.Count, countries.Count, differences);
    }

    private static async Task<PortfolioView> WholePortfolioAsync(LedgerQueries queries, CountryCode country, CancellationToken cancellationToken)
    {
        var page = await queries.PortfolioAsync(country, null, LedgerQueries.MaxPageSize, cancellationToken).ConfigureAwait(false);
        var companies = page.Companies.ToList();
        while (page.NextCursor is { } cursor)
        {
            page = await queries.PortfolioAsync(country, cursor, LedgerQueries.MaxPageSize, cancellationToken).ConfigureAwait(false);
            companies.AddRange(page.Companies);
        }

        return page with { Companies = companies, NextCursor = null };
    }
}

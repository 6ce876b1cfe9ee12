using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Journal;
using StartupFund.Domain.Values;
using StartupFund.EventStore;
using StartupFund.Ledger.Pipeline;
using StartupFund.Ledger.Views;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Audit;

/// <summary>
/// Time travel without the read models: the same folds the inline projection runs
/// (<see cref="FundDecider.Evolve"/>, <see cref="ApplicationDecider.Evolve"/>, <see cref="JournalPosting.For"/>
/// and its balance deltas), applied in memory to the events recorded up to an instant, answered with
/// the same view records as <see cref="LedgerQueries"/>. The API's <c>asOf</c> answers and the CLI's
/// <c>replay</c> of an export file both use this one class, so they agree by construction; the tests
/// check that it agrees with what the live read models said at the time.
/// </summary>
public sealed class AsOfReadModel
{
    private readonly Dictionary<string, FundRow> funds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApplicationRow> applications = new(StringComparer.Ordinal);
    // per fund, so a country's balance reads each fund's accounts directly (a flat map scanned per fund was quadratic)
    private readonly Dictionary<string, Dictionary<AccountCode, AccountBalance>> balances = new(StringComparer.Ordinal);
    private readonly HashSet<string> cutStreams = new(StringComparer.Ordinal);

    public AsOfReadModel(Instant asOf) => AsOf = asOf;

    /// <summary>The instant this model reflects: every event recorded at or before it, nothing after.</summary>
    public Instant AsOf { get; }

    /// <summary>Events applied so far.</summary>
    public long EventsApplied { get; private set; }

    /// <summary>Every fund id known at <see cref="AsOf"/>, in id order.</summary>
    public IEnumerable<string> FundIds => funds.Keys.Order(StringComparer.Ordinal);

    /// <summary>Every country with a fund or an application at <see cref="AsOf"/>, in code order.</summary>
    public IEnumerable<string> Countries => funds.Values.Select(f => f.State.Country.Value)
        .Concat(applications.Values.Select(a => a.Country))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Applies one event, in log order; events recorded after <see cref="AsOf"/> are ignored.</summary>
    public void Apply(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        Apply(recorded.StreamId, recorded.Version, recorded.Data, recorded.RecordedAt);
    }

    /// <summary>
    /// Applies one event, in log order. A stream is cut at its first event recorded after <see cref="AsOf"/>:
    /// its later versions are ignored too, so every stream is folded over a prefix of its versions.
    /// </summary>
    public void Apply(string streamId, long version, object data, Instant recordedAt)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(data);
        if (cutStreams.Contains(streamId))
        {
            return;
        }

        if (recordedAt > AsOf)
        {
            cutStreams.Add(streamId);
            return;
        }

        var recorded = (Version: version, Data: data, RecordedAt: recordedAt);
        EventsApplied++;
        if (recorded.Data is IFundEvent fundEvent)
        {
            var id = fundEvent.FundId.Value;
            var state = funds.TryGetValue(id, out var row) ? row.State : FundState.Initial;
            funds[id] = new FundRow(FundDecider.Evolve(state, recorded.Data), recorded.Version, recorded.RecordedAt);
        }

        if (recorded.Data is IApplicationEvent applicationEvent)
        {
            var id = applicationEvent.ApplicationId.Value;
            var row = applications.GetValueOrDefault(id) ?? new ApplicationRow(ApplicationState.Initial, null, null, 0, recorded.RecordedAt);
            var submittedAt = recorded.Data is ApplicationSubmitted submitted ? submitted.SubmittedAt : row.SubmittedAt;
            var decidedAt = row.DecidedAt ?? recorded.Data switch
            {
                ApplicationApproved approved => approved.ApprovedAt,
                ApplicationRejected rejected => rejected.RejectedAt,
                _ => null,
            };
            applications[id] = new ApplicationRow(ApplicationDecider.Evolve(row.State, recorded.Data), submittedAt, decidedAt, recorded.Version, recorded.RecordedAt);
        }

        if (JournalPosting.For(recorded.Data) is { } entry)
        {
            Post(entry);
        }
    }

    /// <summary>As <see cref="LedgerQueries.GetFundAsync"/> answered at <see cref="AsOf"/>; null if the fund did not exist yet.</summary>
    public FundView? Fund(FundId fundId) =>
        funds.TryGetValue(fundId.Value, out var row) ? FundView.From(row.State, row.Version, row.UpdatedAt) : null;

    /// <summary>Every application id known at <see cref="AsOf"/>, in id order.</summary>
    public IEnumerable<string> ApplicationIds => applications.Keys.Order(StringComparer.Ordinal);

    /// <summary>As <see cref="LedgerQueries.GetApplicationAsync"/> answered at <see cref="AsOf"/>; null if not submitted yet.</summary>
    public ApplicationView? Application(ApplicationId applicationId) =>
        applications.TryGetValue(applicationId.Value, out var row) ? ApplicationView.From(row.State, row.Version, row.UpdatedAt, AsOf.InUtc().Date) : null;

    /// <summary>Every page of <see cref="Portfolio"/> in one: all companies, no next cursor.</summary>
    public PortfolioView WholePortfolio(CountryCode country)
    {
        var page = Portfolio(country, null, LedgerQueries.MaxPageSize);
        var companies = page.Companies.ToList();
        while (page.NextCursor is { } cursor)
        {
            page = Portfolio(country, cursor, LedgerQueries.MaxPageSize);
            companies.AddRange(page.Companies);
        }

        return page with { Companies = companies, NextCursor = null };
    }

    /// <summary>As <see cref="LedgerQueries.FundBalanceAsync"/> answered at <see cref="AsOf"/>.</summary>
    public FundBalanceView? FundBalance(FundId fundId) =>
        funds.ContainsKey(fundId.Value) ? Balance(fundId.Value).View : null;

    /// <summary>As <see cref="LedgerQueries.CountryBalanceAsync"/> answered at <see cref="AsOf"/>.</summary>
    public CountryBalanceView CountryBalance(CountryCode country)
    {
        var rows = funds.Where(f => f.Value.State.Country == country).Select(f => f.Key).Order(StringComparer.Ordinal).Select(Balance).ToList();
        var byCurrency = rows
            .GroupBy(f => f.Ledger.Currency.Code, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var summed = new Dictionary<AccountCode, AccountBalance>();
                foreach (var (code, balance) in g.SelectMany(f => f.Ledger.Balances))
                {
                    summed[code] = Add(summed.GetValueOrDefault(code, AccountBalance.Zero), balance);
                }

                var ledger = new FundLedger(new FundId("rollup"), new Currency(g.Key), summed.ToImmutableDictionary(), ImmutableDictionary<string, Transfer>.Empty);
                return BalanceFiguresView.From(FundFigures.From(ledger), g.Count());
            })
            .ToList();
        return new CountryBalanceView(country.Value, byCurrency, [.. rows.Select(f => f.View)]);
    }

    /// <summary>As <see cref="LedgerQueries.PortfolioAsync"/> answered at <see cref="AsOf"/> (same paging and cursors).</summary>
    public PortfolioView Portfolio(CountryCode country, string? cursor = null, int? limit = null)
    {
        var size = LedgerQueries.PageSize(limit);
        var after = PageCursors.Decode(cursor, CursorList.Portfolio, country.Value);
        var ofCountry = applications.Where(a => a.Value.Country == country.Value).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var funded = ofCountry.Where(a => ApplicationStatuses.IsFunded(a.Value.State)).ToList();
        var companies = funded
            .Where(a => after is null || string.CompareOrdinal(a.Key, after) > 0)
            .Take(size + 1)
            .Select(a => PortfolioCompanyView.From(a.Value.State, AsOf.InUtc().Date))
            .ToList();
        string? next = null;
        if (companies.Count > size)
        {
            companies = companies[..size];
            next = PageCursors.Encode(CursorList.Portfolio, country.Value, companies[^1].ApplicationId);
        }

        var bySector = Totals(funded.Select(a => a.Value.State), s => s.Sector, key => key);
        var byStage = Totals(funded.Select(a => a.Value.State), s => s.Stage.ToString(),
            key => Enum.TryParse<Stage>(key, out var stage) ? JsonNamingPolicy.CamelCase.ConvertName(stage.ToString()) : key);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in ofCountry.GroupBy(a => a.Value.State.Status))
        {
            counts[JsonNamingPolicy.CamelCase.ConvertName(group.Key.ToString())] = group.Count();
        }

        var decided = ofCountry.Where(a => a.Value.DecidedAt is not null).ToList();
        var median = MedianDays([.. decided.Select(a => (Stored(a.Value.DecidedAt!.Value) - Stored(a.Value.SubmittedAt!.Value)).TotalSeconds)]);
        return new PortfolioView(country.Value, companies, next, bySector, byStage, new PipelineView(counts, decided.Count, median));
    }

    private static List<PortfolioTotalView> Totals(IEnumerable<ApplicationState> states, Func<ApplicationState, string> column, Func<string, string> display) =>
        [.. states
            .GroupBy(s => (Key: column(s), Currency: s.Currency.Code))
            .OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g =>
            {
                var currency = new Currency(g.Key.Currency);
                return new PortfolioTotalView(display(g.Key.Key), currency.Code, g.Count(),
                    new Money(g.Sum(s => s.ApprovedMinor), currency), new Money(g.Sum(s => s.PaidMinor), currency),
                    new Money(g.Sum(s => s.UnpaidReservedMinor), currency), new Money(g.Sum(s => s.CoInvestmentReceivedMinor), currency));
            })];

    /// <summary>
    /// PostgreSQL's <c>round((percentile_cont(0.5) within group (order by seconds) / 86400)::numeric, 1)::text</c>:
    /// linear interpolation between the middle values in double precision, converted to numeric with 15
    /// significant digits, rounded half away from zero to one decimal.
    /// </summary>
    internal static string? MedianDays(double[] seconds)
    {
        if (seconds.Length == 0)
        {
            return null;
        }

        Array.Sort(seconds);
        var position = 0.5 * (seconds.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        var median = seconds[lower] + ((position - lower) * (seconds[upper] - seconds[lower]));
        var days = decimal.Parse((median / 86400).ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return Math.Round(days, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
    }

    /// <summary>An instant as a timestamptz column keeps it: cut to microseconds.</summary>
    private static Instant Stored(Instant instant) => Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks() / 10 * 10);

    private (FundLedger Ledger, FundBalanceView View) Balance(string fundId)
    {
        var row = funds[fundId];
        var id = new FundId(fundId);
        var accounts = balances.TryGetValue(fundId, out var fundAccounts)
            ? fundAccounts.ToImmutableDictionary()
            : ImmutableDictionary<AccountCode, AccountBalance>.Empty;
        var ledger = new FundLedger(id, row.State.Currency, accounts, ImmutableDictionary<string, Transfer>.Empty);
        return (ledger, new FundBalanceView(fundId, row.State.Country.Value, row.State.Name, BalanceFiguresView.From(FundFigures.From(ledger), 1), row.Version));
    }

    /// <summary>The same four balance columns per account the projection adds up (posted, pending; debit, credit).</summary>
    private void Post(JournalEntry entry)
    {
        foreach (var transfer in entry.Transfers)
        {
            var amount = transfer.Amount.MinorUnits;
            var (posted, pending) = transfer.Kind switch
            {
                TransferKind.Posted => (amount, 0L),
                TransferKind.Pending => (0L, amount),
                TransferKind.PostPending => (amount, -amount),
                TransferKind.VoidPending => (0L, -amount),
                _ => throw new InvalidOperationException($"Unknown transfer kind {transfer.Kind}."),
            };
            var fundId = entry.FundId.Value;
            if (!balances.TryGetValue(fundId, out var accounts))
            {
                balances[fundId] = accounts = [];
            }

            accounts[transfer.Debit] = Add(accounts.GetValueOrDefault(transfer.Debit, AccountBalance.Zero), new AccountBalance(posted, 0, pending, 0));
            accounts[transfer.Credit] = Add(accounts.GetValueOrDefault(transfer.Credit, AccountBalance.Zero), new AccountBalance(0, posted, 0, pending));
        }
    }

    private static AccountBalance Add(AccountBalance a, AccountBalance b) => new(
        checked(a.DebitsPosted + b.DebitsPosted), checked(a.CreditsPosted + b.CreditsPosted),
        checked(a.DebitsPending + b.DebitsPending), checked(a.CreditsPending + b.CreditsPending));

    private sealed record FundRow(FundState State, long Version, Instant UpdatedAt);

    private sealed record ApplicationRow(ApplicationState State, Instant? SubmittedAt, Instant? DecidedAt, long Version, Instant UpdatedAt)
    {
        public string Country => State.Startup?.Country.Value ?? string.Empty;
    }
}

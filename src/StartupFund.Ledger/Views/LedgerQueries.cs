using System.Collections.Immutable;
using System.Text.Json;
using Npgsql;
using NodaTime;
using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Journal;
using StartupFund.Domain.Values;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Pipeline;
using static StartupFund.Ledger.Projections.ProjectionSql;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Views;

/// <summary>
/// Reads of the read models the inline projections keep. Lists are cursor-paginated with a bounded page size.
/// The clock gives the day views are judged on (is a tranche overdue?).
/// </summary>
public sealed class LedgerQueries(NpgsqlDataSource dataSource, SchemaName readSchema, IClock clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    private readonly string s = readSchema.Quoted;

    public static int PageSize(int? requested) => requested switch
    {
        null => DefaultPageSize,
        < 1 or > MaxPageSize => throw new QueryException(LedgerErrorCodes.PageSizeInvalid, "limit", $"limit must be 1..{MaxPageSize}."),
        { } size => size,
    };

    public async Task<FundView?> GetFundAsync(FundId fundId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select state, version, updated_at from {s}.funds where fund_id = $1");
        command.Parameters.Add(Text(fundId.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? FundOf(reader) : null;
    }

    /// <summary>The fund's country (it never changes), without reading its state; null for an unknown fund.</summary>
    public async Task<string?> FundCountryAsync(FundId fundId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select country from {s}.funds where fund_id = $1");
        command.Parameters.Add(Text(fundId.Value));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<Page<FundView>> ListFundsAsync(CountryCode? country, string? cursor, int? limit, CancellationToken cancellationToken = default)
    {
        var size = PageSize(limit);
        await using var command = dataSource.CreateCommand($"""
            select state, version, updated_at from {s}.funds
            where ($1::text is null or country = $1) and fund_id > $2
            order by fund_id limit $3
            """);
        command.Parameters.Add(Text(country?.Value));
        var scope = PageCursors.Scope(country?.Value);
        command.Parameters.Add(Text(AfterKey(cursor, CursorList.Funds, scope)));
        command.Parameters.Add(Int(size + 1));
        var items = new List<FundView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(FundOf(reader));
        }

        return PageOf(items, size, CursorList.Funds, scope, f => f.FundId);
    }

    public async Task<ApplicationView?> GetApplicationAsync(ApplicationId applicationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select state, version, updated_at from {s}.applications where application_id = $1");
        command.Parameters.Add(Text(applicationId.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ApplicationOf(reader, Today()) : null;
    }

    public async Task<Page<ApplicationView>> ListApplicationsAsync(
        FundId? fundId, CountryCode? country, ApplicationStatus? status, string? cursor, int? limit, CancellationToken cancellationToken = default)
    {
        var size = PageSize(limit);
        await using var command = dataSource.CreateCommand($"""
            select state, version, updated_at from {s}.applications
            where ($1::text is null or fund_id = $1) and ($2::text is null or country = $2) and ($3::text is null or status = $3)
              and application_id > $4
            order by application_id limit $5
            """);
        command.Parameters.Add(Text(fundId?.Value));
        command.Parameters.Add(Text(country?.Value));
        command.Parameters.Add(Text(status?.ToString()));
        var scope = PageCursors.Scope(fundId?.Value, country?.Value, status?.ToString());
        command.Parameters.Add(Text(AfterKey(cursor, CursorList.Applications, scope)));
        command.Parameters.Add(Int(size + 1));
        var items = new List<ApplicationView>();
        var today = Today();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(ApplicationOf(reader, today));
        }

        return PageOf(items, size, CursorList.Applications, scope, a => a.ApplicationId);
    }

    /// <summary>One startup's own applications (all a startup may list), optionally of one fund, country or status; cursor-paginated.</summary>
    public Task<Page<ApplicationView>> ListApplicationsOfStartupAsync(
        StartupId startupId, FundId? fundId, CountryCode? country, ApplicationStatus? status, string? cursor, int? limit, CancellationToken cancellationToken = default) =>
        ListOwnApplicationsAsync("state->'startup'->'startupId'->>'value' = $1", startupId.Value, fundId, country, status, cursor, limit, cancellationToken);

    /// <summary>The applications a co-investor has committed to (all it may list), filtered and paginated as <see cref="ListApplicationsOfStartupAsync"/>.</summary>
    public Task<Page<ApplicationView>> ListApplicationsOfInvestorAsync(
        string investorId, FundId? fundId, CountryCode? country, ApplicationStatus? status, string? cursor, int? limit, CancellationToken cancellationToken = default) =>
        ListOwnApplicationsAsync("state->'coInvestors' ? $1", investorId, fundId, country, status, cursor, limit, cancellationToken);

    private async Task<Page<ApplicationView>> ListOwnApplicationsAsync(
        string ownedBy, string owner, FundId? fundId, CountryCode? country, ApplicationStatus? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var size = PageSize(limit);
        await using var command = dataSource.CreateCommand($"""
            select state, version, updated_at from {s}.applications
            where {ownedBy} and ($2::text is null or status = $2)
              and application_id > $3
              and ($5::text is null or fund_id = $5) and ($6::text is null or country = $6)
            order by application_id limit $4
            """);
        command.Parameters.Add(Text(owner));
        command.Parameters.Add(Text(status?.ToString()));
        var scope = PageCursors.Scope(fundId?.Value, country?.Value, status?.ToString(), owner);
        command.Parameters.Add(Text(AfterKey(cursor, CursorList.Applications, scope)));
        command.Parameters.Add(Int(size + 1));
        command.Parameters.Add(Text(fundId?.Value));
        command.Parameters.Add(Text(country?.Value));
        var items = new List<ApplicationView>();
        var today = Today();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(ApplicationOf(reader, today));
        }

        return PageOf(items, size, CursorList.Applications, scope, a => a.ApplicationId);
    }

    /// <summary>One fund's figures from its journal balances; null for an unknown fund.</summary>
    public async Task<FundBalanceView?> FundBalanceAsync(FundId fundId, CancellationToken cancellationToken = default)
    {
        var funds = await BalancesAsync("f.fund_id = $1", fundId.Value, cancellationToken).ConfigureAwait(false);
        return funds.Count == 0 ? null : funds[0].View;
    }

    /// <summary>Every fund of a country and the rollup per currency, all from journal balances.</summary>
    public async Task<CountryBalanceView> CountryBalanceAsync(CountryCode country, CancellationToken cancellationToken = default)
    {
        var funds = await BalancesAsync("f.country = $1", country.Value, cancellationToken).ConfigureAwait(false);
        var byCurrency = funds
            .GroupBy(f => f.Ledger.Currency.Code, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var currency = new Currency(g.Key);
                var summed = new Dictionary<AccountCode, AccountBalance>();
                foreach (var (code, balance) in g.SelectMany(f => f.Ledger.Balances))
                {
                    var total = summed.GetValueOrDefault(code, AccountBalance.Zero);
                    summed[code] = new AccountBalance(
                        checked(total.DebitsPosted + balance.DebitsPosted), checked(total.CreditsPosted + balance.CreditsPosted),
                        checked(total.DebitsPending + balance.DebitsPending), checked(total.CreditsPending + balance.CreditsPending));
                }

                var ledger = new FundLedger(new FundId("rollup"), currency, summed.ToImmutableDictionary(), ImmutableDictionary<string, Transfer>.Empty);
                return BalanceFiguresView.From(FundFigures.From(ledger), g.Count());
            })
            .ToList();
        return new CountryBalanceView(country.Value, byCurrency, [.. funds.Select(f => f.View)]);
    }

    public async Task<TrialBalanceView?> TrialBalanceAsync(FundId fundId, CancellationToken cancellationToken = default)
    {
        var funds = await BalancesAsync("f.fund_id = $1", fundId.Value, cancellationToken).ConfigureAwait(false);
        if (funds.Count == 0)
        {
            return null;
        }

        var ledger = funds[0].Ledger;
        Money M(long minor) => new(minor, ledger.Currency);
        var accounts = ChartOfAccounts.For(fundId)
            .Select(account =>
            {
                var balance = ledger.BalanceOf(account.Code);
                var net = account.NormalDebit ? balance.DebitsPosted - balance.CreditsPosted : balance.CreditsPosted - balance.DebitsPosted;
                return new AccountBalanceView(account.Code, (int)account.Code, account.Name, account.Type, M(balance.DebitsPosted), M(balance.CreditsPosted),
                    M(balance.DebitsPending), M(balance.CreditsPending), M(net));
            })
            .ToList();
        var balances = ledger.Balances.Values.ToList();
        return new TrialBalanceView(fundId.Value, ledger.Currency.Code, accounts,
            M(balances.Sum(b => b.DebitsPosted)), M(balances.Sum(b => b.CreditsPosted)),
            M(balances.Sum(b => b.DebitsPending)), M(balances.Sum(b => b.CreditsPending)), ledger.IsBalanced());
    }

    /// <summary>A fund's journal entries in log position order; null for an unknown fund.</summary>
    public async Task<Page<JournalEntryView>?> JournalAsync(FundId fundId, string? cursor, int? limit, CancellationToken cancellationToken = default)
    {
        var size = PageSize(limit);
        var scope = PageCursors.Scope(fundId.Value);
        var after = PageCursors.Decode(cursor, CursorList.Journal, scope) is { } text
            ? long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position)
                ? position
                : throw PageCursors.Invalid()
            : long.MinValue;
        // One statement: the fund's row tells an unknown fund (no row) from an empty page (one row of
        // nulls). Both bounds are index conditions, so the page is read in (fund_id, position) order
        // and the scan stops at the limit: "$2 is null or position > $2" made the cached plan read
        // every entry of the fund and sort them.
        await using var command = dataSource.CreateCommand($"""
            select j.position, j.event_type, j.stream_id, j.stream_version, j.recorded_at, j.transfers, j.value_date, j.reference
            from {s}.funds f left join lateral (
                select position, event_type, stream_id, stream_version, recorded_at, transfers, value_date, reference from {s}.journal_entries
                where fund_id = f.fund_id and position > $2
                order by position limit $3) j on true
            where f.fund_id = $1
            order by j.position
            """);
        command.Parameters.Add(Text(fundId.Value));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint, Value = after });
        command.Parameters.Add(Int(size + 1));
        var items = new List<JournalEntryView>();
        var fundExists = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            fundExists = true;
            if (reader.IsDBNull(0))
            {
                continue;
            }

            items.Add(new JournalEntryView(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                Instant.FromDateTimeUtc(reader.GetDateTime(4)),
                JsonSerializer.Deserialize<List<PostingView>>(reader.GetString(5), LedgerJson.Api) ?? [],
                reader.IsDBNull(6) ? null : LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        if (!fundExists)
        {
            return null;
        }

        return PageOf(items, size, CursorList.Journal, scope, e => e.Position.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary><see cref="ApplicationStatuses.IsFunded"/> in SQL, beside <c>status = any(funded statuses)</c>.</summary>
    private const string FundedOnly = "(status <> 'Cancelled' or (state->>'paidMinor')::bigint > 0)";

    /// <summary>A country's funded startups (paginated), totals by sector and stage, and the pipeline.</summary>
    public async Task<PortfolioView> PortfolioAsync(CountryCode country, string? cursor, int? limit, CancellationToken cancellationToken = default)
    {
        var size = PageSize(limit);
        var funded = ApplicationStatuses.Funded.Select(st => st.ToString()).ToArray();
        var companies = new List<PortfolioCompanyView>();
        var today = Today();
        await using (var command = dataSource.CreateCommand($"""
            select state from {s}.applications
            where country = $1 and status = any($2) and {FundedOnly} and application_id > $3
            order by application_id limit $4
            """))
        {
            command.Parameters.Add(Text(country.Value));
            command.Parameters.Add(new NpgsqlParameter { Value = funded });
            command.Parameters.Add(Text(AfterKey(cursor, CursorList.Portfolio, country.Value)));
            command.Parameters.Add(Int(size + 1));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                companies.Add(PortfolioCompanyView.From(JsonSerializer.Deserialize<ApplicationState>(reader.GetString(0), LedgerJson.Storage)!, today));
            }
        }

        var page = PageOf(companies, size, CursorList.Portfolio, country.Value, c => c.ApplicationId);
        var bySector = await TotalsAsync(country, funded, "sector", cancellationToken).ConfigureAwait(false);
        var byStage = await TotalsAsync(country, funded, "stage", cancellationToken).ConfigureAwait(false);
        var pipeline = await PipelineAsync(country, cancellationToken).ConfigureAwait(false);
        return new PortfolioView(country.Value, page.Items, page.NextCursor, bySector, byStage, pipeline);
    }

    private async Task<List<PortfolioTotalView>> TotalsAsync(CountryCode country, string[] funded, string column, CancellationToken cancellationToken)
    {
        // column is one of two constants, never user input. The documents carry ApplicationState's derived
        // unpaidReservedMinor, so the rule of what is still reserved has one home.
        await using var command = dataSource.CreateCommand($"""
            select {column}, currency, count(*)::int,
                   coalesce(sum((state->>'approvedMinor')::bigint), 0)::bigint,
                   coalesce(sum((state->>'paidMinor')::bigint), 0)::bigint,
                   coalesce(sum((state->>'unpaidReservedMinor')::bigint), 0)::bigint,
                   coalesce(sum((state->>'coInvestmentReceivedMinor')::bigint), 0)::bigint
            from {s}.applications where country = $1 and status = any($2) and {FundedOnly}
            group by {column}, currency order by {column}, currency
            """);
        command.Parameters.Add(Text(country.Value));
        command.Parameters.Add(new NpgsqlParameter { Value = funded });
        var totals = new List<PortfolioTotalView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var currency = new Currency(reader.GetString(1));
            var key = reader.GetString(0);
            if (column == "stage" && Enum.TryParse<Stage>(key, out var stage))
            {
                key = JsonNamingPolicy.CamelCase.ConvertName(stage.ToString());
            }

            totals.Add(new PortfolioTotalView(key, currency.Code, reader.GetInt32(2), new Money(reader.GetInt64(3), currency),
                new Money(reader.GetInt64(4), currency), new Money(reader.GetInt64(5), currency), new Money(reader.GetInt64(6), currency)));
        }

        return totals;
    }

    private async Task<PipelineView> PipelineAsync(CountryCode country, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand($"select status, count(*)::int from {s}.applications where country = $1 group by status"))
        {
            command.Parameters.Add(Text(country.Value));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var status = Enum.Parse<ApplicationStatus>(reader.GetString(0));
                counts[JsonNamingPolicy.CamelCase.ConvertName(status.ToString())] = reader.GetInt32(1);
            }
        }

        await using (var command = dataSource.CreateCommand($"""
            select count(*)::int,
                   (round((percentile_cont(0.5) within group (order by extract(epoch from (decided_at - submitted_at))) / 86400)::numeric, 1))::text
            from {s}.applications where country = $1 and decided_at is not null
            """))
        {
            command.Parameters.Add(Text(country.Value));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new PipelineView(counts, reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }
    }

    private async Task<List<(FundLedger Ledger, FundBalanceView View)>> BalancesAsync(string where, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select f.fund_id, f.country, f.name, f.currency, f.version, b.account, b.debits_posted, b.credits_posted, b.debits_pending, b.credits_pending
            from {s}.funds f left join {s}.account_balances b on b.fund_id = f.fund_id
            where {where} order by f.fund_id
            """);
        command.Parameters.Add(Text(value));
        var rows = new List<(string FundId, string Country, string Name, string Currency, long Version, AccountCode? Account, AccountBalance Balance)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                    reader.IsDBNull(5) ? null : (AccountCode)reader.GetInt32(5),
                    reader.IsDBNull(5) ? AccountBalance.Zero : new AccountBalance(reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9))));
            }
        }

        return [.. rows.GroupBy(r => r.FundId, StringComparer.Ordinal).Select(g =>
        {
            var first = g.First();
            var fundId = new FundId(first.FundId);
            var balances = g.Where(r => r.Account is not null).ToImmutableDictionary(r => r.Account!.Value, r => r.Balance);
            var ledger = new FundLedger(fundId, new Currency(first.Currency), balances, ImmutableDictionary<string, Transfer>.Empty);
            return (ledger, new FundBalanceView(first.FundId, first.Country, first.Name, BalanceFiguresView.From(FundFigures.From(ledger), 1), first.Version));
        })];
    }

    private static FundView FundOf(NpgsqlDataReader reader) =>
        FundView.From(JsonSerializer.Deserialize<FundState>(reader.GetString(0), LedgerJson.Storage)!, reader.GetInt64(1),
            Instant.FromDateTimeUtc(reader.GetDateTime(2)));

    private static ApplicationView ApplicationOf(NpgsqlDataReader reader, LocalDate today) =>
        ApplicationView.From(JsonSerializer.Deserialize<ApplicationState>(reader.GetString(0), LedgerJson.Storage)!, reader.GetInt64(1),
            Instant.FromDateTimeUtc(reader.GetDateTime(2)), today);

    /// <summary>The day a query's views are judged on, read once per query so that a page is never judged on two days.</summary>
    private LocalDate Today() => clock.GetCurrentInstant().InUtc().Date;

    private static Page<T> PageOf<T>(List<T> items, int size, CursorList list, string scope, Func<T, string> keyOf) =>
        items.Count > size ? new Page<T>(items[..size], PageCursors.Encode(list, scope, keyOf(items[size - 1]))) : new Page<T>(items, null);

    /// <summary>
    /// The key a page starts after: the cursor's, or the empty string for the first page (every id
    /// sorts after it). A bound that is always given is an index condition, so a page reads in key
    /// order and stops at its limit; "$n is null or id > $n" let a cached plan read them all and sort.
    /// </summary>
    private static string AfterKey(string? cursor, CursorList list, string scope) => PageCursors.Decode(cursor, list, scope) ?? "";
}

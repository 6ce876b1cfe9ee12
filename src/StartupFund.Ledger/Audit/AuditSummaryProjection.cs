using Npgsql;
using NpgsqlTypes;
using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;
using StartupFund.EventStore;
using StartupFund.EventStore.Projections;

namespace StartupFund.Ledger.Audit;

/// <summary>
/// A per-country audit summary kept asynchronously from the log (an <see cref="IAsyncProjection"/>: one
/// runner at a time, checkpoint in the same transaction, rebuildable and verifiable row by row):
/// <list type="bullet">
/// <item><c>audit_events_per_day</c>: events per type per UTC day of recording;</item>
/// <item><c>audit_money_per_month</c>: approvals and disbursements (count and amount) per UTC month and currency;</item>
/// <item><c>audit_largest_disbursements</c>: the <see cref="LargestKept"/> largest single disbursements of each country.</item>
/// </list>
/// A stream's country comes from its stream row. Every table is a pure function of the set of events
/// applied (sums, and a top-N under a total order), so a rebuild gives the same rows however the log
/// is paged. Disbursements are counted as paid; a later reversal is an event of its own (it shows in
/// the per-day counts), not a subtraction.
/// </summary>
public sealed class AuditSummaryProjection : IAsyncProjection
{
    public const string ProjectionName = "audit-summary";
    public const string EventsPerDay = "audit_events_per_day";
    public const string MoneyPerMonth = "audit_money_per_month";
    public const string LargestDisbursements = "audit_largest_disbursements";
    public const int LargestKept = 10;

    public string Name => ProjectionName;

    public IReadOnlyList<string> Tables { get; } = [EventsPerDay, MoneyPerMonth, LargestDisbursements];

    public async Task CreateTablesAsync(ProjectionContext context, ProjectionTables tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tables);
        await using var command = context.CreateCommand($"""
            create table if not exists {tables[EventsPerDay]} (
                country text not null,
                day date not null,
                event_type text not null,
                events bigint not null,
                primary key (country, day, event_type));
            create table if not exists {tables[MoneyPerMonth]} (
                country text not null,
                month date not null,
                currency text not null,
                approvals bigint not null,
                approved_minor bigint not null,
                disbursements bigint not null,
                disbursed_minor bigint not null,
                primary key (country, month, currency));
            create table if not exists {tables[LargestDisbursements]} (
                country text not null,
                position bigint not null,
                fund_id text not null,
                application_id text not null,
                tranche integer not null,
                currency text not null,
                amount_minor bigint not null,
                recorded_at timestamptz not null,
                primary key (country, position));
            """);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ApplyAsync(ProjectionContext context, ProjectionTables tables, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var countries = await CountriesAsync(context, [.. events.Select(e => e.StreamId).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        var perDay = new Dictionary<(string Country, LocalDate Day, string Type), long>();
        var perMonth = new Dictionary<(string Country, LocalDate Month, string Currency), (long Approvals, long Approved, long Disbursements, long Disbursed)>();
        var disbursements = new List<(string Country, RecordedEvent Event, FundsDisbursed Paid)>();
        foreach (var recorded in events)
        {
            var country = countries.GetValueOrDefault(recorded.StreamId) ?? "";
            var day = recorded.RecordedAt.InUtc().Date;
            perDay[(country, day, recorded.Alias)] = perDay.GetValueOrDefault((country, day, recorded.Alias)) + 1;
            var month = new LocalDate(day.Year, day.Month, 1);
            switch (recorded.Data)
            {
                case ApplicationApproved approved:
                {
                    var key = (country, month, approved.Amount.Currency.Code);
                    var sums = perMonth.GetValueOrDefault(key);
                    perMonth[key] = (sums.Approvals + 1, checked(sums.Approved + approved.Amount.MinorUnits), sums.Disbursements, sums.Disbursed);
                    break;
                }

                case FundsDisbursed paid:
                {
                    var key = (country, month, paid.Amount.Currency.Code);
                    var sums = perMonth.GetValueOrDefault(key);
                    perMonth[key] = (sums.Approvals, sums.Approved, sums.Disbursements + 1, checked(sums.Disbursed + paid.Amount.MinorUnits));
                    disbursements.Add((country, recorded, paid));
                    break;
                }
            }
        }

        await using var batch = new NpgsqlBatch(context.Connection, context.Transaction);
        foreach (var ((country, day, type), count) in perDay)
        {
            batch.BatchCommands.Add(Command($"""
                insert into {tables[EventsPerDay]} (country, day, event_type, events) values ($1, $2, $3, $4)
                on conflict (country, day, event_type) do update set events = {tables[EventsPerDay]}.events + excluded.events
                """, Text(country), Date(day), Text(type), Long(count)));
        }

        foreach (var ((country, month, currency), sums) in perMonth)
        {
            batch.BatchCommands.Add(Command($"""
                insert into {tables[MoneyPerMonth]} (country, month, currency, approvals, approved_minor, disbursements, disbursed_minor)
                values ($1, $2, $3, $4, $5, $6, $7)
                on conflict (country, month, currency) do update set
                    approvals = {tables[MoneyPerMonth]}.approvals + excluded.approvals,
                    approved_minor = {tables[MoneyPerMonth]}.approved_minor + excluded.approved_minor,
                    disbursements = {tables[MoneyPerMonth]}.disbursements + excluded.disbursements,
                    disbursed_minor = {tables[MoneyPerMonth]}.disbursed_minor + excluded.disbursed_minor
                """, Text(country), Date(month), Text(currency), Long(sums.Approvals), Long(sums.Approved), Long(sums.Disbursements), Long(sums.Disbursed)));
        }

        foreach (var (country, recorded, paid) in disbursements)
        {
            batch.BatchCommands.Add(Command($"""
                insert into {tables[LargestDisbursements]} (country, position, fund_id, application_id, tranche, currency, amount_minor, recorded_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8)
                """, Text(country), Long(recorded.Position), Text(paid.FundId.Value), Text(paid.ApplicationId.Value),
                new NpgsqlParameter { Value = paid.TrancheNumber }, Text(paid.Amount.Currency.Code), Long(paid.Amount.MinorUnits),
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = recorded.RecordedAt.ToDateTimeUtc() }));
        }

        if (disbursements.Count > 0)
        {
            // keep the largest per country under a total order (amount, then earliest position): the same rows however the log is paged
            batch.BatchCommands.Add(Command($"""
                delete from {tables[LargestDisbursements]} d using (
                    select country, position, row_number() over (partition by country order by amount_minor desc, position) as rank
                    from {tables[LargestDisbursements]} where country = any($1)) r
                where d.country = r.country and d.position = r.position and r.rank > {LargestKept}
                """, new NpgsqlParameter { Value = disbursements.Select(d => d.Country).Distinct(StringComparer.Ordinal).ToArray() }));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<string, string?>> CountriesAsync(ProjectionContext context, string[] streamIds, CancellationToken cancellationToken)
    {
        var countries = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using var command = context.CreateCommand($"select id, country from {context.Schema.Quoted}.streams where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            countries[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return countries;
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value };

    private static NpgsqlParameter Long(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value };

    private static NpgsqlParameter Date(LocalDate date) => new() { NpgsqlDbType = NpgsqlDbType.Date, Value = date.ToDateOnly() };
}

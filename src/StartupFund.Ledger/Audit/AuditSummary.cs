using NodaTime;
using StartupFund.Domain.Values;
using StartupFund.EventStore;
using StartupFund.EventStore.Projections;

namespace StartupFund.Ledger.Audit;

public sealed record EventsPerDayView(LocalDate Day, string EventType, long Events);

public sealed record MoneyPerMonthView(LocalDate Month, string Currency, long Approvals, Money Approved, long Disbursements, Money Disbursed);

public sealed record LargeDisbursementView(long Position, string FundId, string ApplicationId, int Tranche, Money Amount, Instant RecordedAt);

public sealed record AuditSummaryView(
    string Country, IReadOnlyList<EventsPerDayView> EventsPerDay, IReadOnlyList<MoneyPerMonthView> MoneyPerMonth, IReadOnlyList<LargeDisbursementView> LargestDisbursements);

/// <summary>Runs the <see cref="AuditSummaryProjection"/> up to the log's current end, and reads its tables.</summary>
public sealed class AuditSummary(EventStore.EventStore store)
{
    private readonly AuditSummaryProjection projection = new();

    public IAsyncProjection Projection => projection;

    /// <summary>
    /// Leads the projection (waiting for any other runner to stop) until its checkpoint reaches the
    /// log's readable end as it stood when called, then stops. Returns the events applied now.
    /// </summary>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var target = (await store.ComputeDigestAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).CoveredUpTo;
        var runner = new AsyncProjectionRunner(store, projection, batchSize: 1_000, idleDelay: Duration.FromMilliseconds(20));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = runner.RunAsync(stop.Token);
        try
        {
            // Either this runner leads and catches up, or another process runs the projection (run-projections)
            // and its recorded checkpoint reaches the end of the log: waiting to lead would wait for ever.
            async Task<LogCursor> CheckpointAsync() => runner.IsLeader
                ? runner.Checkpoint
                : await store.ReadProjectionCheckpointAsync(projection.Name, cancellationToken).ConfigureAwait(false);
            while (await CheckpointAsync().ConfigureAwait(false) < target)
            {
                if (running.IsCompleted)
                {
                    await running.ConfigureAwait(false);   // surfaces the runner's failure
                    throw new InvalidOperationException("The audit summary runner stopped before it caught up.");
                }

                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return runner.EventsApplied;
    }

    /// <summary>The summary of one country as the tables hold it (run <see cref="CatchUpAsync"/> first for an up-to-date one).</summary>
    public async Task<AuditSummaryView> ReadAsync(CountryCode country, CancellationToken cancellationToken = default)
    {
        var tables = ProjectionTables.Live(store.Schema, projection);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var setup = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await projection.CreateTablesAsync(new ProjectionContext(connection, setup, store.Schema), tables, cancellationToken).ConfigureAwait(false);
            await setup.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var perDay = new List<EventsPerDayView>();
        await using (var command = new Npgsql.NpgsqlCommand(
            $"select day, event_type, events from {tables[AuditSummaryProjection.EventsPerDay]} where country = $1 order by day, event_type", connection))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = country.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                perDay.Add(new EventsPerDayView(LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(0)), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        var perMonth = new List<MoneyPerMonthView>();
        await using (var command = new Npgsql.NpgsqlCommand($"""
            select month, currency, approvals, approved_minor, disbursements, disbursed_minor
            from {tables[AuditSummaryProjection.MoneyPerMonth]} where country = $1 order by month, currency
            """, connection))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = country.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var currency = new Currency(reader.GetString(1));
                perMonth.Add(new MoneyPerMonthView(LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(0)), currency.Code,
                    reader.GetInt64(2), new Money(reader.GetInt64(3), currency), reader.GetInt64(4), new Money(reader.GetInt64(5), currency)));
            }
        }

        var largest = new List<LargeDisbursementView>();
        await using (var command = new Npgsql.NpgsqlCommand($"""
            select position, fund_id, application_id, tranche, currency, amount_minor, recorded_at
            from {tables[AuditSummaryProjection.LargestDisbursements]} where country = $1 order by amount_minor desc, position
            """, connection))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = country.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                largest.Add(new LargeDisbursementView(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                    new Money(reader.GetInt64(5), new Currency(reader.GetString(4))), Instant.FromDateTimeUtc(reader.GetDateTime(6))));
            }
        }

        return new AuditSummaryView(country.Value, perDay, perMonth, largest);
    }
}

using Npgsql;
using StartupFund.EventStore;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;

namespace StartupFund.Ledger.Projections;

/// <summary>
/// Rebuilds the inline read models (funds, applications, the journal and its balances) from the log:
/// after an import, which brings the events alone, or to repair rows changed by hand. One
/// transaction empties the tables and replays the whole log through <see cref="ReadModelProjection"/>,
/// a page at a time, exactly as the appends wrote them: it commits complete or not at all. The
/// idempotency records stay: they are the API's first responses, not a view of the log. Run it on a
/// quiet ledger (the API stopped). The log is readable only below the oldest transaction still open
/// anywhere on the server (docs/architecture.md, "Gap-free tailing"), so the rebuild waits, up to
/// <paramref name="horizonWait"/>, until every event recorded when it began is readable; if one stays
/// hidden it fails and changes nothing, rather than commit read models that miss recorded events.
/// </summary>
internal sealed class ReadModelRebuild(NpgsqlDataSource dataSource, EventStore.EventStore store, SchemaName readSchema, TimeSpan horizonWait)
{
    private const int PageSize = 1_000;

    private static readonly TimeSpan HorizonPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>Replays the log into emptied read models; returns the number of events replayed.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var projection = new ReadModelProjection(readSchema);
        var s = readSchema.Quoted;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var truncate = new NpgsqlCommand($"truncate {s}.funds, {s}.applications, {s}.journal_entries, {s}.account_balances", connection, transaction))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long recorded;
        await using (var count = new NpgsqlCommand($"select count(*) from {store.Schema.Quoted}.events", connection, transaction))
        {
            recorded = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        long replayed = 0;
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        for (var cursor = LogCursor.Start; ;)
        {
            var page = await store.ReadLogAsync(cursor, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Events.Count == 0)
            {
                if (replayed >= recorded)
                {
                    break;
                }

                if (waiting.Elapsed > horizonWait)
                {
                    throw new InvalidOperationException(
                        $"Only {replayed} of the {recorded} recorded events are readable: a transaction still open on the database server "
                        + "holds back the log's horizon. Nothing was changed; end that transaction (see pg_stat_activity) and rebuild again.");
                }

                await Task.Delay(HorizonPoll, cancellationToken).ConfigureAwait(false);
                continue;
            }

            waiting.Restart();

            await ApplyAsync(projection, connection, transaction, page.Events, cancellationToken).ConfigureAwait(false);
            replayed += page.Events.Count;
            cursor = page.Next;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return replayed;
    }

    private async Task ApplyAsync(ReadModelProjection projection, NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var reads = projection.ReadsFor(events.Select(e => e.Data));
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var command in reads.Commands)
            {
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            for (var command = 0; command < reads.Commands.Count; command++)
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    reads.ReadRow(command, reader);
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var writes = new List<NpgsqlBatchCommand>();
        await projection.ApplyAsync(new ProjectionContext(connection, transaction, store.Schema, reads, writes), events, cancellationToken).ConfigureAwait(false);
        if (writes.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var write in writes)
            {
                batch.BatchCommands.Add(write);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

using NodaTime;
using Npgsql;

namespace StartupFund.EventStore.Projections;

/// <summary>
/// Rebuilds an asynchronous projection from position 0 into shadow tables, then either swaps them
/// in atomically (with the checkpoint) or, in verify mode, compares them row by row with the live
/// tables at the live checkpoint and reports every difference: a check that the read model is a
/// faithful function of the log. Holds the projection's lock throughout, so no runner moves it.
/// </summary>
public sealed class ProjectionRebuilder(EventStore store, IAsyncProjection projection)
{
    private const int PageSize = EventStore.MaxPageSize;
    private const int SampleRows = 5;

    public async Task<RebuildReport> RebuildAsync(bool verifyOnly, Duration lockTimeout, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ProjectionLock.ValidateName(projection.Name);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await TakeLockAsync(connection, lockTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            return await RebuildLockedAsync(connection, verifyOnly, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ProjectionLock.ReleaseAsync(connection, store.Schema, projection.Name).ConfigureAwait(false);
        }
    }

    private async Task<RebuildReport> RebuildLockedAsync(NpgsqlConnection connection, bool verifyOnly, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var live = ProjectionTables.Live(store.Schema, projection);
        var shadow = ProjectionTables.Shadow(store.Schema, projection);
        await InTransactionAsync(connection, async (context, ct) =>
        {
            foreach (var table in projection.Tables)
            {
                await ExecuteAsync(context, $"drop table if exists {shadow[table]}", ct).ConfigureAwait(false);
            }

            await projection.CreateTablesAsync(context, shadow, ct).ConfigureAwait(false);
            await projection.CreateTablesAsync(context, live, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        LogCursor? stopAt = verifyOnly
            ? await ProjectionLock.ReadCheckpointAsync(connection, null, store.Schema, projection.Name, cancellationToken).ConfigureAwait(false)
            : null;
        var (applied, upTo) = await ReplayAsync(connection, shadow, stopAt, progress, cancellationToken).ConfigureAwait(false);

        var differences = new List<TableDifference>();
        await InTransactionAsync(connection, async (context, ct) =>
        {
            if (verifyOnly)
            {
                foreach (var table in projection.Tables)
                {
                    if (await CompareAsync(context, live[table], shadow[table], table, ct).ConfigureAwait(false) is { } difference)
                    {
                        differences.Add(difference);
                    }

                    await ExecuteAsync(context, $"drop table {shadow[table]}", ct).ConfigureAwait(false);
                }

                return;
            }

            foreach (var table in projection.Tables)
            {
                await ExecuteAsync(context, $"drop table {live[table]}", ct).ConfigureAwait(false);
                await ExecuteAsync(context, $"alter table {shadow[table]} rename to \"{live.Unqualified(table)}\"", ct).ConfigureAwait(false);
            }

            await ProjectionLock.SaveCheckpointAsync(context.Connection, context.Transaction, store.Schema, projection.Name, upTo, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        return new RebuildReport(applied, upTo, verifyOnly, differences);
    }

    private async Task<(long Applied, LogCursor UpTo)> ReplayAsync(NpgsqlConnection connection, ProjectionTables shadow, LogCursor? stopAt,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var cursor = LogCursor.Start;
        long applied = 0;
        // read the next page on a pooled connection while this one is applied on the lock's session
        var reading = store.ReadLogAsync(cursor, PageSize, cancellationToken);
        while (stopAt is null || cursor < stopAt.Value)
        {
            var page = await reading.ConfigureAwait(false);
            var events = stopAt is { } end ? page.Events.Where(e => e.Cursor <= end).ToList() : page.Events;
            if (events.Count == 0)
            {
                break;
            }

            reading = store.ReadLogAsync(events[^1].Cursor, PageSize, cancellationToken);
            await InTransactionAsync(connection, (context, ct) => projection.ApplyAsync(context, shadow, events, ct), cancellationToken).ConfigureAwait(false);
            cursor = events[^1].Cursor;
            applied += events.Count;
            progress?.Report(applied);
        }

        await reading.ConfigureAwait(false);   // a read started past the stopping point: observe it
        return (applied, cursor);
    }

    private static async Task<TableDifference?> CompareAsync(ProjectionContext context, string live, string rebuilt, string table, CancellationToken cancellationToken)
    {
        var onlyInLive = await DifferenceAsync(context, live, rebuilt, cancellationToken).ConfigureAwait(false);
        var onlyInRebuild = await DifferenceAsync(context, rebuilt, live, cancellationToken).ConfigureAwait(false);
        return onlyInLive.Count == 0 && onlyInRebuild.Count == 0
            ? null
            : new TableDifference(table, onlyInLive.Count, onlyInRebuild.Count, [.. onlyInLive.Samples.Select(s => $"live only: {s}"), .. onlyInRebuild.Samples.Select(s => $"rebuild only: {s}")]);
    }

    private static async Task<(long Count, List<string> Samples)> DifferenceAsync(ProjectionContext context, string left, string right, CancellationToken cancellationToken)
    {
        await using var command = context.CreateCommand($"""
            with diff as (select * from {left} except all select * from {right})
            select (select count(*) from diff), row_to_json(d)::text from diff d limit {SampleRows}
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long count = 0;
        var samples = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            count = reader.GetInt64(0);
            samples.Add(reader.GetString(1));
        }

        return (count, samples);
    }

    private async Task TakeLockAsync(NpgsqlConnection connection, Duration timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout.ToTimeSpan();
        while (!await ProjectionLock.TryTakeAsync(connection, store.Schema, projection.Name, cancellationToken).ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new EventStoreException(
                    $"Projection '{projection.Name}' is being run or rebuilt elsewhere; stop that runner (or wait) and try again.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InTransactionAsync(NpgsqlConnection connection, Func<ProjectionContext, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await work(new ProjectionContext(connection, transaction, store.Schema), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(ProjectionContext context, string sql, CancellationToken cancellationToken)
    {
        await using var command = context.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Rows that differ between a live table and its rebuild.</summary>
public sealed record TableDifference(string Table, long OnlyInLive, long OnlyInRebuild, IReadOnlyList<string> Samples);

/// <summary>What a rebuild replayed and, in verify mode, every table that differs.</summary>
public sealed record RebuildReport(long EventsApplied, LogCursor UpTo, bool VerifyOnly, IReadOnlyList<TableDifference> Differences)
{
    public bool IsFaithful => Differences.Count == 0;
}

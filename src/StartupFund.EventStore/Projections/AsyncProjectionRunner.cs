using NodaTime;
using Npgsql;

namespace StartupFund.EventStore.Projections;

/// <summary>
/// Keeps one asynchronous projection up to date: tails the log with the gap-free horizon and
/// applies each page in one transaction together with its checkpoint, so every event is applied
/// exactly once however the runner stops. Only one runner per projection works at a time: the
/// others wait for its lock and the first to get it takes over when the leader stops or dies.
/// </summary>
public sealed class AsyncProjectionRunner
{
    public const int MaxBatchSize = EventStore.MaxPageSize;

    private readonly EventStore store;
    private readonly IAsyncProjection projection;
    private readonly int batchSize;
    private readonly Duration idleDelay;
    private long eventsApplied;

    public AsyncProjectionRunner(EventStore store, IAsyncProjection projection, int batchSize = 500, Duration? idleDelay = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(projection);
        ProjectionLock.ValidateName(projection.Name);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, MaxBatchSize);
        this.store = store;
        this.projection = projection;
        this.batchSize = batchSize;
        this.idleDelay = idleDelay ?? Duration.FromMilliseconds(100);
    }

    /// <summary>True once this runner holds the projection's lock.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>The PostgreSQL backend that holds the lock (for operators, and for tests that kill it).</summary>
    public int? LeaderBackendProcessId { get; private set; }

    public long EventsApplied => Interlocked.Read(ref eventsApplied);

    public LogCursor Checkpoint { get; private set; } = LogCursor.Start;

    /// <summary>Waits to lead, then applies the log until cancelled. A lost connection ends it with an exception.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        while (!await ProjectionLock.TryTakeAsync(connection, store.Schema, projection.Name, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(idleDelay.ToTimeSpan(), cancellationToken).ConfigureAwait(false);
        }

        LeaderBackendProcessId = connection.ProcessID;
        try
        {
            await LeadAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            IsLeader = false;
            await ProjectionLock.ReleaseAsync(connection, store.Schema, projection.Name).ConfigureAwait(false);
        }
    }

    private async Task LeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = ProjectionTables.Live(store.Schema, projection);
        await using (var setup = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await projection.CreateTablesAsync(new ProjectionContext(connection, setup, store.Schema), tables, cancellationToken).ConfigureAwait(false);
            await setup.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        Checkpoint = await ProjectionLock.ReadCheckpointAsync(connection, null, store.Schema, projection.Name, cancellationToken).ConfigureAwait(false);
        IsLeader = true;   // only now: a leader's Checkpoint is where it resumes, never the start it has not read yet
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // read on the lock's own session: if that session is lost, the runner learns it at once
            var page = await store.ReadLogAsync(connection, Checkpoint, batchSize, cancellationToken).ConfigureAwait(false);
            if (page.Events.Count == 0)
            {
                await Task.Delay(idleDelay.ToTimeSpan(), cancellationToken).ConfigureAwait(false);
                continue;
            }

            await ApplyAsync(connection, tables, page, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, ProjectionTables tables, LogPage page, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await projection.ApplyAsync(new ProjectionContext(connection, transaction, store.Schema), tables, page.Events, cancellationToken).ConfigureAwait(false);
        await ProjectionLock.SaveCheckpointAsync(connection, transaction, store.Schema, projection.Name, page.Next, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Checkpoint = page.Next;
        Interlocked.Add(ref eventsApplied, page.Events.Count);
    }
}

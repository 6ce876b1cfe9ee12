using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using NodaTime;
using StartupFund.EventStore.Aggregates;
using StartupFund.EventStore.Audit;
using StartupFund.EventStore.Hashing;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;
using StartupFund.EventStore.Serialization;

namespace StartupFund.EventStore;

/// <summary>
/// An append-only event store in one PostgreSQL schema. Holds no static state: create one per
/// database (a country's ledger may live in its own) and share it; it is safe for concurrent use.
/// </summary>
public sealed class EventStore
{
    public const int MaxPageSize = 10_000;

    private readonly NpgsqlDataSource dataSource;
    private readonly EventStoreOptions options;
    private readonly string schema;
    private readonly EventSerializer serializer;
    private readonly SnapshotStore snapshots;
    private readonly StreamAppender appender;
    private readonly StreamTips tips;
    private readonly RememberedStates states;
    private readonly Dictionary<Type, IAggregateDefinition> aggregatesByState;

    public EventStore(NpgsqlDataSource dataSource, EventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        this.dataSource = dataSource;
        this.options = options;
        schema = options.Schema.Quoted;
        serializer = new EventSerializer(options.Events, options.Json);
        snapshots = new SnapshotStore(options.Schema, serializer);
        aggregatesByState = options.Aggregates.ToDictionary(a => a.StateType);
        if (options.Aggregates.Select(a => a.StreamType).Distinct(StringComparer.Ordinal).Count() != options.Aggregates.Count)
        {
            throw new ArgumentException("Each stream type may have one aggregate definition.", nameof(options));
        }

        tips = new StreamTips(options.RememberedStreamTips);
        states = new RememberedStates(options.RememberedStates);
        appender = new StreamAppender(dataSource, options, serializer, snapshots, tips, states);
    }

    public SchemaName Schema => options.Schema;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Creates or upgrades the schema; returns the migration numbers applied now.</summary>
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default) =>
        new Migrator(dataSource, options.Schema).MigrateAsync(cancellationToken);

    public Task<AppendResult> AppendAsync(StreamAppend append, EventMetadata? metadata = null, CancellationToken cancellationToken = default) =>
        AppendAsync([append], metadata, cancellationToken);

    /// <summary>Appends to every stream atomically: all streams' events are written, or none.</summary>
    /// <exception cref="ConcurrencyException">A stream was not at its expected version.</exception>
    /// <exception cref="StreamArchivedException">A stream is archived.</exception>
    public Task<AppendResult> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata? metadata = null, CancellationToken cancellationToken = default) =>
        appender.AppendAsync(appends, metadata ?? EventMetadata.None, null, cancellationToken);

    /// <summary>
    /// Appends like <see cref="AppendAsync(IReadOnlyList{StreamAppend}, EventMetadata?, CancellationToken)"/> and sends
    /// <paramref name="alongside"/> in the same round trip as the events, inside the transaction: they
    /// commit with the events, and if one fails nothing is written. For writes whose values are known
    /// before the append (an idempotency record, say); they must return no rows.
    /// </summary>
    public Task<AppendResult> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata? metadata,
        IReadOnlyList<NpgsqlBatchCommand> alongside, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alongside);
        return appender.AppendAsync(appends, metadata ?? EventMetadata.None, alongside, cancellationToken);
    }

    public async Task<StreamInfo?> GetStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        StreamAppend.ValidateStreamId(streamId);
        await using var command = dataSource.CreateCommand(
            $"select id, type, country, version, head_hash, created_at, updated_at, archived from {schema}.streams where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StreamInfo(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetInt64(3), reader.GetFieldValue<byte[]>(4), StoredInstant.FromDateTime(reader.GetDateTime(5)),
            StoredInstant.FromDateTime(reader.GetDateTime(6)), reader.GetBoolean(7));
    }

    /// <summary>Reads a stream forward in version order; an unknown stream reads as empty.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, ReadStreamOptions? range = null, CancellationToken cancellationToken = default)
    {
        StreamAppend.ValidateStreamId(streamId);
        range ??= ReadStreamOptions.All;
        range.Validate();
        await using var command = dataSource.CreateCommand($"""
            select {EventRows.Columns} from {schema}.events
            where stream_id = $1 and version between $2 and $3 and ($4::timestamptz is null or recorded_at <= $4)
            order by version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = range.FromVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = range.ToVersion });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.TimestampTz,
            Value = range.RecordedUpTo is { } upTo ? StoredInstant.ToDateTime(upTo) : DBNull.Value,
        });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await EventRows.ReadAllAsync(reader, serializer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the log after <paramref name="after"/> in (transaction id, position) order, only as far
    /// as no still-running transaction could add an event before it: every committed event is seen
    /// exactly once by a reader that keeps passing back <see cref="LogPage.Next"/>.
    /// </summary>
    public async Task<LogPage> ReadLogAsync(LogCursor after, int maxEvents = 1_000, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadLogAsync(connection, after, maxEvents, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same read on a connection the caller holds (a projection runner reads on its lock's session).</summary>
    internal async Task<LogPage> ReadLogAsync(NpgsqlConnection connection, LogCursor after, int maxEvents, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxEvents, MaxPageSize);
        await using var command = new NpgsqlCommand($"""
            select {EventRows.Columns} from {schema}.events
            where (tx_id, position) > ($1, $2) and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by tx_id, position
            limit $3
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Xid8, Value = after.TxId });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Position });
        command.Parameters.Add(new NpgsqlParameter { Value = maxEvents });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = await EventRows.ReadAllAsync(reader, serializer, cancellationToken).ConfigureAwait(false);
        return new LogPage(events, events.Count > 0 ? events[^1].Cursor : after);
    }

    /// <summary>Follows the log forever (until cancelled), polling when caught up. The delay only sets latency; no event is ever skipped.</summary>
    public async IAsyncEnumerable<RecordedEvent> TailAsync(LogCursor after, Duration idleDelay,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = after;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await ReadLogAsync(cursor, 1_000, cancellationToken).ConfigureAwait(false);
            foreach (var recorded in page.Events)
            {
                yield return recorded;
            }

            cursor = page.Next;
            if (page.Events.Count == 0)
            {
                await Task.Delay(idleDelay.ToTimeSpan(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Loads an aggregate's current state: its snapshot plus the events after it.</summary>
    public async Task<LoadedAggregate<TState>> LoadAsync<TState>(string streamId, CancellationToken cancellationToken = default)
        where TState : notnull
    {
        StreamAppend.ValidateStreamId(streamId);
        var aggregate = AggregateFor<TState>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var load = await snapshots.LoadAsync(connection, null, aggregate, streamId, cancellationToken).ConfigureAwait(false);
        return Loaded(aggregate, streamId, load);
    }

    /// <summary>Loads two aggregates in one round trip, both as of the same moment of the log.</summary>
    public async Task<(LoadedAggregate<TFirst> First, LoadedAggregate<TSecond> Second)> LoadAsync<TFirst, TSecond>(
        string firstStreamId, string secondStreamId, CancellationToken cancellationToken = default)
        where TFirst : notnull
        where TSecond : notnull
    {
        StreamAppend.ValidateStreamId(firstStreamId);
        StreamAppend.ValidateStreamId(secondStreamId);
        var (first, second) = (AggregateFor<TFirst>(), AggregateFor<TSecond>());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var loads = await snapshots.LoadAsync(connection, null, [(first, firstStreamId), (second, secondStreamId)], cancellationToken).ConfigureAwait(false);
        return (Loaded(first, firstStreamId, loads[0]), Loaded(second, secondStreamId, loads[1]));
    }

    /// <summary>
    /// Loads an aggregate to decide a command on, from the state this store remembers from its last
    /// load of or append to the stream when it has one (no round trip, <see cref="LoadedAggregate{TState}.IsRemembered"/>),
    /// else as <see cref="LoadAsync{TState}"/>. A remembered state is behind the database if another
    /// process wrote the stream since. So decide on it only for an append that expects exactly its
    /// version, which then fails with a <see cref="ConcurrencyException"/> (and the store forgets the
    /// state, so the next load reads the database); a refusal, or a decision that leaves the stream
    /// unwritten, must be made again on a <see cref="LoadAsync{TState}"/>.
    /// </summary>
    public async Task<LoadedAggregate<TState>> LoadForAppendAsync<TState>(string streamId, CancellationToken cancellationToken = default)
        where TState : notnull
    {
        StreamAppend.ValidateStreamId(streamId);
        return Remembered<TState>(streamId) ?? await LoadAsync<TState>(streamId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Two aggregates as <see cref="LoadForAppendAsync{TState}"/>; those not remembered are read in one round trip.</summary>
    public async Task<(LoadedAggregate<TFirst> First, LoadedAggregate<TSecond> Second)> LoadForAppendAsync<TFirst, TSecond>(
        string firstStreamId, string secondStreamId, CancellationToken cancellationToken = default)
        where TFirst : notnull
        where TSecond : notnull
    {
        StreamAppend.ValidateStreamId(firstStreamId);
        StreamAppend.ValidateStreamId(secondStreamId);
        return (Remembered<TFirst>(firstStreamId), Remembered<TSecond>(secondStreamId)) switch
        {
            ({ } first, { } second) => (first, second),
            ({ } first, null) => (first, await LoadAsync<TSecond>(secondStreamId, cancellationToken).ConfigureAwait(false)),
            (null, { } second) => (await LoadAsync<TFirst>(firstStreamId, cancellationToken).ConfigureAwait(false), second),
            _ => await LoadAsync<TFirst, TSecond>(firstStreamId, secondStreamId, cancellationToken).ConfigureAwait(false),
        };
    }

    private LoadedAggregate<TState>? Remembered<TState>(string streamId)
        where TState : notnull
    {
        _ = AggregateFor<TState>();   // a state type with no aggregate is refused here too, not only on a miss
        return states.TryGet(streamId, out var remembered) && remembered.State is TState state
            ? new LoadedAggregate<TState>(state, remembered.Version) { IsRemembered = true }
            : null;
    }

    private LoadedAggregate<TState> Loaded<TState>(AggregateDefinition<TState> aggregate, string streamId, StreamLoad load)
        where TState : notnull
    {
        if (load.StreamType is not null && load.StreamType != aggregate.StreamType)
        {
            throw new StreamTypeMismatchException(streamId, $"it is a '{load.StreamType}' stream, not '{aggregate.StreamType}'.");
        }

        if (load.Tip is not null)
        {
            tips.Remember(streamId, load.Tip.Version, load.Tip.HeadHash);
            states.Remember(streamId, load.Version, load.State);
        }

        return new LoadedAggregate<TState>((TState)load.State, load.Version);
    }

    /// <summary>Time travel: the aggregate as it was at <paramref name="asOf"/>, folded from the events alone.</summary>
    public async Task<LoadedAggregate<TState>> LoadAsOfAsync<TState>(string streamId, Instant asOf, CancellationToken cancellationToken = default)
        where TState : notnull
    {
        var aggregate = AggregateFor<TState>();
        var events = await ReadStreamAsync(streamId, new ReadStreamOptions { RecordedUpTo = asOf }, cancellationToken).ConfigureAwait(false);
        var state = aggregate.Initial;
        foreach (var recorded in events)
        {
            state = aggregate.EvolveState(state, recorded.Data);
        }

        return new LoadedAggregate<TState>(state, events.Count > 0 ? events[^1].Version : 0);
    }

    /// <summary>Marks a stream read-only; later appends fail with <see cref="StreamArchivedException"/>.</summary>
    public async Task ArchiveStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        StreamAppend.ValidateStreamId(streamId);
        await using var command = dataSource.CreateCommand($"update {schema}.streams set archived = true where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new StreamNotFoundException(streamId);
        }
    }

    /// <summary>Recomputes every hash in scope from the stored rows.</summary>
    public Task<VerificationReport> VerifyAsync(VerificationScope? scope = null, CancellationToken cancellationToken = default) =>
        new HashChainVerifier(dataSource, options.Schema).VerifyAsync(scope ?? VerificationScope.Everything, cancellationToken);

    /// <summary>Writes every event below the current horizon (or one country's) as an export file; returns its digest.</summary>
    public Task<LogDigest> ExportAsync(Stream output, string? country = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        new LogExporter(new LogPrefixReader(dataSource, options.Schema), options.Clock).ExportAsync(output, ValidCountry(country), progress, cancellationToken);

    /// <summary>The digest of the log below the current horizon (or of its first <paramref name="maxEvents"/> events), optionally of one country's streams.</summary>
    public Task<LogDigest> ComputeDigestAsync(string? country = null, long? maxEvents = null, CancellationToken cancellationToken = default)
    {
        if (maxEvents is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEvents), maxEvents, "A digest covers zero or more events.");
        }

        return new LogExporter(new LogPrefixReader(dataSource, options.Schema), options.Clock).DigestAsync(ValidCountry(country), maxEvents, cancellationToken);
    }

    /// <summary>
    /// True when the log (or a country's) still begins with exactly the events an earlier digest covered, each with the
    /// content its hash was computed from: nothing in that prefix was changed, removed, inserted or reordered.
    /// </summary>
    public Task<bool> ExtendsAsync(LogDigest earlier, string? country = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new LogExporter(new LogPrefixReader(dataSource, options.Schema), options.Clock).ExtendsAsync(earlier, ValidCountry(country), cancellationToken);
    }

    /// <summary>How far an asynchronous projection has been applied, as its runner last recorded it (the start when never run).</summary>
    public async Task<LogCursor> ReadProjectionCheckpointAsync(string projection, CancellationToken cancellationToken = default)
    {
        ProjectionLock.ValidateName(projection);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ProjectionLock.ReadCheckpointAsync(connection, null, options.Schema, projection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until every transaction that may have committed before this call lies below the log's horizon, so that a
    /// read of the log started afterwards misses nothing already committed. False when a transaction left open on the
    /// server (in any of its databases) holds the horizon back for longer than <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> WaitUntilCommittedAreReadableAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint", connection);
        var committedBelow = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        command.CommandText = "select pg_snapshot_xmin(pg_current_snapshot())::text::bigint";
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! < committedBelow)
        {
            if (waiting.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>How many events are readable now (below the log's horizon), optionally of one country's streams: the size of an export started now.</summary>
    public async Task<long> CountReadableEventsAsync(string? country = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            select count(*) from {schema}.events e join {schema}.streams s on s.id = e.stream_id
            where e.tx_id < pg_snapshot_xmin(pg_current_snapshot()) and ($1::text is null or s.country = $1)
            """);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)ValidCountry(country) ?? DBNull.Value });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Loads an export file into this (empty) store, verifying every line; all or nothing.</summary>
    /// <exception cref="ImportRefusedException">The file does not verify, or the store is not empty.</exception>
    public Task<LogDigest> ImportAsync(TextReader file, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new LogImporter(dataSource, options.Schema).ImportAsync(file, progress, cancellationToken);
    }

    private static string? ValidCountry(string? country) => country is null ? null : VerificationScope.ForCountry(country).Country;

    private AggregateDefinition<TState> AggregateFor<TState>() where TState : notnull =>
        aggregatesByState.TryGetValue(typeof(TState), out var aggregate)
            ? (AggregateDefinition<TState>)aggregate
            : throw new InvalidOperationException($"No aggregate definition is registered for state {typeof(TState).Name}.");
}

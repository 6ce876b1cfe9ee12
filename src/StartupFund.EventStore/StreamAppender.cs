using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using NodaTime;
using StartupFund.EventStore.Aggregates;
using StartupFund.EventStore.Hashing;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Serialization;

namespace StartupFund.EventStore;

/// <summary>
/// Appends to one or more streams in one short transaction: lock each stream's row (in stream-id
/// order, so two appends never deadlock), check its expected version, chain the hashes from its
/// head, write, run inline projections and snapshots, commit. A stream expected not to exist needs
/// no lock round trip: its insert either creates it or proves the race lost. Neither does a stream
/// whose expected version is the tip this store remembers (<see cref="StreamTips"/>): its write
/// advances the row only if it is still at that version, and a miss falls back to the lock. After
/// the commit the store remembers each stream's new tip and, when it knew the state the append
/// started from, the folded state (<see cref="RememberedStates"/>); a snapshot due is then written
/// from that state with the commit instead of reading the stream again.
/// </summary>
internal sealed class StreamAppender(NpgsqlDataSource dataSource, EventStoreOptions options, EventSerializer serializer, SnapshotStore snapshots,
    StreamTips tips, RememberedStates states)
{
    private static readonly byte[] EmptyMetadataJson = "{}"u8.ToArray();

    /// <summary>The SQLSTATE of <c>stream_moved</c> (migration 0003): a write from a remembered tip found its row moved on.</summary>
    private const string StreamMovedState = "SF409";

    private readonly string schema = options.Schema.Quoted;
    private readonly WriteSql sql = new(options.Schema.Quoted);
    private readonly Dictionary<string, IAggregateDefinition> aggregatesByStreamType =
        options.Aggregates.ToDictionary(a => a.StreamType, StringComparer.Ordinal);
    private readonly IInlineProjection[] projections = [.. options.InlineProjections];

    public async Task<AppendResult> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata,
        IReadOnlyList<NpgsqlBatchCommand>? alongside, CancellationToken cancellationToken)
    {
        var prepared = Prepare(appends, metadata);
        try
        {
            return await AppendAsync(prepared, appends, alongside, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyException)
        {
            // A remembered state of one of these streams may be what the caller decided on: the
            // next load must read the database.
            foreach (var stream in prepared)
            {
                states.Forget(stream.Append.StreamId);
            }

            throw;
        }
    }

    private async Task<AppendResult> AppendAsync(List<PreparedStream> prepared, IReadOnlyList<StreamAppend> appends,
        IReadOnlyList<NpgsqlBatchCommand>? alongside, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        if (!UseRememberedTips(prepared))
        {
            await LockExistingStreamsAsync(connection, transaction, prepared, cancellationToken).ConfigureAwait(false);
        }

        var newStates = prepared.ConvertAll(FoldedState);
        var recorded = PlanWrites(prepared, newStates) is { } writes
            ? await WriteAsync(connection, transaction, prepared, [.. alongside ?? [], .. writes, new NpgsqlBatchCommand("commit")], [], cancellationToken)
                .ConfigureAwait(false)
            : await WriteThenCommitAsync(connection, transaction, prepared, appends, alongside ?? [], newStates, cancellationToken).ConfigureAwait(false);

        for (var i = 0; i < prepared.Count; i++)
        {
            // A stream this append created is remembered only with its state: creating many streams
            // of no aggregate would only churn the dictionary.
            var stream = prepared[i];
            if (!stream.IsNew || newStates[i] is not null)
            {
                tips.Remember(stream.Append.StreamId, stream.NewVersion, stream.NewHeadHash);
            }

            if (newStates[i] is { } state)
            {
                states.Remember(stream.Append.StreamId, stream.NewVersion, state);
            }
            else
            {
                states.Forget(stream.Append.StreamId);   // any state still remembered is now behind
            }
        }

        return new AppendResult(recorded, prepared.ToDictionary(p => p.Append.StreamId, p => p.NewVersion, StringComparer.Ordinal));
    }

    /// <summary>
    /// Every projection's writes and every snapshot due, planned before anything is sent, so that
    /// they go with the events and the COMMIT in one round trip; null when a projection cannot plan
    /// its writes or a snapshot's state is not known.
    /// </summary>
    private List<NpgsqlBatchCommand>? PlanWrites(List<PreparedStream> prepared, List<object?> newStates)
    {
        List<PendingAppend>? pending = null;   // built only for a store with projections: a batch may carry thousands of events
        var writes = new List<NpgsqlBatchCommand>();
        foreach (var projection in projections)
        {
            pending ??= [.. prepared.Select((stream, i) => stream.ToPending(newStates[i]))];
            if (projection.PlanWrites(options.Schema, pending) is not { } planned)
            {
                return null;
            }

            writes.AddRange(planned);
        }

        for (var i = 0; i < prepared.Count; i++)
        {
            if (SnapshotDue(prepared[i]) is { } aggregate)
            {
                if (newStates[i] is not { } state)
                {
                    return null;
                }

                writes.Add(snapshots.Write(aggregate, prepared[i].Append.StreamId, prepared[i].NewVersion, state));
            }
        }

        return writes;
    }

    /// <summary>
    /// Two round trips: the events with the projections' reads and the statements sent alongside;
    /// then the projections' writes with the COMMIT (and a round trip more per snapshot whose state
    /// the store does not know).
    /// </summary>
    private async Task<List<RecordedEvent>> WriteThenCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<PreparedStream> prepared, IReadOnlyList<StreamAppend> appends, IReadOnlyList<NpgsqlBatchCommand> alongside,
        List<object?> newStates, CancellationToken cancellationToken)
    {
        var reads = Array.ConvertAll(projections, p => p.PlanReads(appends));
        var recorded = await WriteAsync(connection, transaction, prepared, alongside, reads, cancellationToken).ConfigureAwait(false);
        var writesWithCommit = new List<NpgsqlBatchCommand>();
        for (var i = 0; i < projections.Length; i++)
        {
            await projections[i].ApplyAsync(new ProjectionContext(connection, transaction, options.Schema, reads[i], writesWithCommit), recorded, cancellationToken)
                .ConfigureAwait(false);
        }

        for (var i = 0; i < prepared.Count; i++)
        {
            if (SnapshotDue(prepared[i]) is { } aggregate)
            {
                if (newStates[i] is { } state)
                {
                    writesWithCommit.Add(snapshots.Write(aggregate, prepared[i].Append.StreamId, prepared[i].NewVersion, state));
                }
                else
                {
                    await snapshots.RefreshAsync(connection, transaction, aggregate, prepared[i].Append.StreamId, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await CommitAsync(connection, transaction, writesWithCommit, cancellationToken).ConfigureAwait(false);
        return recorded;
    }

    /// <summary>The stream's aggregate when this append crosses a multiple of its snapshot interval.</summary>
    private IAggregateDefinition? SnapshotDue(PreparedStream stream) =>
        aggregatesByStreamType.TryGetValue(stream.Append.StreamType, out var aggregate)
            && stream.NewVersion / aggregate.SnapshotEvery > stream.CurrentVersion / aggregate.SnapshotEvery
            ? aggregate
            : null;

    /// <summary>
    /// The stream's state after this append, when the store knows its state before it (remembered
    /// at the version the append found, or a new stream's initial state): the appended events folded
    /// onto it. Null for streams of no aggregate, or when nothing is remembered.
    /// </summary>
    private object? FoldedState(PreparedStream stream)
    {
        if (!aggregatesByStreamType.TryGetValue(stream.Append.StreamType, out var aggregate))
        {
            return null;
        }

        object state;
        if (stream.CurrentVersion == 0)
        {
            state = aggregate.InitialState;
        }
        else if (states.TryGet(stream.Append.StreamId, out var remembered) && remembered.Version == stream.CurrentVersion
            && aggregate.StateType.IsInstanceOfType(remembered.State))
        {
            state = remembered.State;
        }
        else
        {
            return null;
        }

        foreach (var domainEvent in stream.Append.Events)
        {
            state = aggregate.Evolve(state, domainEvent);
        }

        return state;
    }

    /// <summary>
    /// The projections' queued writes and the COMMIT in one round trip. If a write fails, the
    /// statements after it (the COMMIT among them) are skipped and disposing the transaction rolls
    /// everything back; after the COMMIT the server reports no open transaction, so disposing it
    /// sends nothing.
    /// </summary>
    private static async Task CommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<NpgsqlBatchCommand> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in writes)
        {
            batch.BatchCommands.Add(write);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private List<PreparedStream> Prepare(IReadOnlyList<StreamAppend> appends, EventMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(appends);
        ArgumentNullException.ThrowIfNull(metadata);
        if (appends.Count == 0)
        {
            throw new ArgumentException("An append must name at least one stream.", nameof(appends));
        }

        if (appends.Any(a => a is null))
        {
            throw new ArgumentException("An append contains a null stream append.", nameof(appends));
        }

        var duplicate = appends.GroupBy(a => a.StreamId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Stream '{duplicate.Key}' appears more than once in one append; merge its events.", nameof(appends));
        }

        var eventCount = appends.Sum(a => a.Events.Count);
        if (eventCount > options.MaxEventsPerAppend)
        {
            throw new ArgumentException($"An append may carry at most {options.MaxEventsPerAppend} events; this one has {eventCount}.", nameof(appends));
        }

        var recordedAt = StoredInstant.Truncate(options.Clock.GetCurrentInstant());
        var metadataJson = metadata == EventMetadata.None
            ? EmptyMetadataJson
            : CanonicalJson.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(metadata, EventRows.MetadataJson));
        return appends
            .OrderBy(a => a.StreamId, StringComparer.Ordinal)
            .Select(a => new PreparedStream(a, [.. a.Events.Select(serializer.Serialize)], metadata, metadataJson, recordedAt))
            .ToList();
    }

    /// <summary>
    /// Takes the remembered tips when every existing stream of the append expects exactly its
    /// remembered version. All or none: mixing locked and unlocked streams could take the row locks
    /// out of stream-id order and deadlock.
    /// </summary>
    private bool UseRememberedTips(List<PreparedStream> streams)
    {
        var remembered = new List<(PreparedStream Stream, StreamTip Tip)>(streams.Count);
        foreach (var stream in streams)
        {
            if (stream.IsNew)
            {
                continue;
            }

            var expected = stream.Append.Expected;
            if (expected.IsAny || !tips.TryGet(stream.Append.StreamId, expected.Version, out var tip))
            {
                return false;
            }

            remembered.Add((stream, tip));
        }

        foreach (var (stream, tip) in remembered)
        {
            stream.SetRememberedTip(tip);
        }

        return true;
    }

    /// <summary>
    /// Locks the rows of streams that may already exist and checks each expectation. "Any" first
    /// inserts an empty row if there is none, so that it has a row to lock.
    /// </summary>
    private async Task LockExistingStreamsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<PreparedStream> streams, CancellationToken cancellationToken)
    {
        var toLock = streams.Where(s => s.Append.Expected != ExpectedVersion.NoStream).ToList();
        if (toLock.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var stream in toLock)
        {
            if (stream.Append.Expected.IsAny)
            {
                batch.BatchCommands.Add(BatchCommands.Create(
                    $"insert into {schema}.streams (id, type, country, version, head_hash, created_at, updated_at) values ($1, $2, $3, 0, $4, $5, $5) on conflict (id) do nothing",
                    stream.Append.StreamId, stream.Append.StreamType, (object?)stream.Append.Country ?? DBNull.Value,
                    EventHash.GenesisOf(stream.Append.StreamId, stream.Append.StreamType, stream.Append.Country), StoredInstant.ToDateTime(stream.RecordedAt)));
            }

            batch.BatchCommands.Add(BatchCommands.Create(
                $"select version, head_hash, archived, type, country from {schema}.streams where id = $1 for update",
                stream.Append.StreamId));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        foreach (var stream in toLock)
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new ConcurrencyException(stream.Append.StreamId, stream.Append.Expected, 0);
            }

            var version = reader.GetInt64(0);
            var headHash = reader.GetFieldValue<byte[]>(1);
            var archived = reader.GetBoolean(2);
            var type = reader.GetString(3);
            var country = reader.IsDBNull(4) ? null : reader.GetString(4);
            CheckExpectation(stream.Append, version, archived, type, country);
            stream.SetTip(version, headHash);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void CheckExpectation(StreamAppend append, long version, bool archived, string type, string? country)
    {
        if (archived)
        {
            throw new StreamArchivedException(append.StreamId);
        }

        if (!string.Equals(type, append.StreamType, StringComparison.Ordinal))
        {
            throw new StreamTypeMismatchException(append.StreamId, $"it is a '{type}' stream, not '{append.StreamType}'.");
        }

        if (!string.Equals(country, append.Country, StringComparison.Ordinal))
        {
            throw new StreamTypeMismatchException(append.StreamId, $"it belongs to country '{country ?? "none"}', not '{append.Country ?? "none"}'.");
        }

        if (!append.Expected.IsSatisfiedBy(version))
        {
            throw new ConcurrencyException(append.StreamId, append.Expected, version);
        }
    }

    /// <summary>
    /// One round trip: each stream's events, then the projections' reads (their rows go to the
    /// <see cref="ProjectionReads"/> that asked for them), then the statements sent after them (which
    /// return no rows; the COMMIT may be the last of them).
    /// </summary>
    private async Task<List<RecordedEvent>> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<PreparedStream> streams, IReadOnlyList<NpgsqlBatchCommand> after, ProjectionReads?[] reads, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var stream in streams)
        {
            stream.ComputeHashes();
            batch.BatchCommands.Add(stream.IsNew ? InsertNewStreamWithEvents(stream) : AdvanceStreamWithEvents(stream));
        }

        var readers = new List<(ProjectionReads Reads, int Command)>();
        foreach (var projectionReads in reads.OfType<ProjectionReads>())
        {
            for (var i = 0; i < projectionReads.Commands.Count; i++)
            {
                batch.BatchCommands.Add(projectionReads.Commands[i]);
                readers.Add((projectionReads, i));
            }
        }

        foreach (var command in after)
        {
            batch.BatchCommands.Add(command);
        }

        // Every statement up to the last read returns a result set, so the reader's results line up
        // with them; statements without one (those sent after) are not results to the reader.
        var withResults = streams.Count + readers.Count;
        var recorded = new List<RecordedEvent>();
        var current = 0;   // the statement the reader is at: an error surfaces when it gets there
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            for (; current < withResults; current++)
            {
                if (current > 0)
                {
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                }

                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (current < streams.Count)
                    {
                        recorded.Add(streams[current].ToRecorded(reader.GetInt64(0), reader.GetFieldValue<ulong>(1), reader.GetInt64(2)));
                    }
                    else
                    {
                        var (projectionReads, command) = readers[current - streams.Count];
                        projectionReads.ReadRow(command, reader);
                    }
                }
            }

            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
                // the statements sent after: their errors surface here
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && current < streams.Count
            && e.ConstraintName is "streams_pkey" or "events_stream_id_version_key")
        {
            // A stream expected not to exist was created by someone else first (locked streams
            // cannot collide). The transaction is aborted, so nothing of this append is written.
            var lost = streams[current].Append;
            throw new ConcurrencyException(lost.StreamId, lost.Expected,
                await ReadVersionAsync(lost.StreamId, cancellationToken).ConfigureAwait(false));
        }
        catch (PostgresException e) when (e.SqlState == StreamMovedState && current < streams.Count)
        {
            await ExplainMovedTipAsync(connection, transaction, streams[current], cancellationToken).ConfigureAwait(false);
        }

        return recorded;
    }

    /// <summary>
    /// A write from a remembered tip found its row moved on (or archived, or of another type or
    /// country), and the transaction is aborted with nothing written. Forget the tip and read the
    /// row under lock, in a transaction of its own, to raise the same error the locked path would.
    /// </summary>
    private async Task ExplainMovedTipAsync(NpgsqlConnection connection, NpgsqlTransaction aborted, PreparedStream stream,
        CancellationToken cancellationToken)
    {
        tips.Forget(stream.Append.StreamId, stream.RememberedTip!);
        await aborted.RollbackAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockExistingStreamsAsync(connection, transaction, [stream], cancellationToken).ConfigureAwait(false);
        throw new ConcurrencyException(stream.Append.StreamId, stream.Append.Expected, stream.CurrentVersion);
    }

    private NpgsqlBatchCommand InsertNewStreamWithEvents(PreparedStream stream)
    {
        var command = InsertEvents(stream, stream.Events.Length == 1 ? sql.CreateWithOne : sql.CreateWithMany);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Append.StreamId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Append.StreamType });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Char, Value = (object?)stream.Append.Country ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = stream.NewVersion });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = stream.NewHeadHash });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = StoredInstant.ToDateTime(stream.RecordedAt) });
        return command;
    }

    private NpgsqlBatchCommand AdvanceStreamWithEvents(PreparedStream stream)
    {
        var one = stream.Events.Length == 1;
        var fromTip = stream.RememberedTip is not null;
        var command = InsertEvents(stream, fromTip ? (one ? sql.AdvanceTipWithOne : sql.AdvanceTipWithMany) : (one ? sql.AdvanceWithOne : sql.AdvanceWithMany));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Append.StreamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = stream.NewVersion });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = stream.NewHeadHash });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = StoredInstant.ToDateTime(stream.RecordedAt) });
        if (fromTip)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = stream.CurrentVersion });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Append.StreamType });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Char, Value = (object?)stream.Append.Country ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>
    /// The write statements, built once per store: $1-$8 are the events' columns, $9.. the stream's.
    /// A batch sends one array per column that differs between its events; stream id, first version,
    /// metadata and time go once. The event bodies go as text and become jsonb row by row: received
    /// as a jsonb array, all of a batch's parsed bodies lived until the statement ended, and the
    /// server's malloc gave that memory back to the OS and faulted it in again on every batch.
    /// </summary>
    private sealed class WriteSql(string schema)
    {
        private const string OneRow = "select $1::uuid, $2::text, $3::bigint + 1, $4::text, $5::jsonb, $6::jsonb, $7::timestamptz, $8::bytea";

        private const string ManyRows = """
            select e.id, $2::text, $3::bigint + e.n, e.type, e.data::jsonb, $6::jsonb, $7::timestamptz, e.hash
            from unnest($1::uuid[], $4::text[], $5::text[], $8::bytea[]) with ordinality as e (id, type, data, hash, n)
            """;

        public string CreateWithOne { get; } = Create(schema, OneRow);

        public string CreateWithMany { get; } = Create(schema, ManyRows);

        public string AdvanceWithOne { get; } = Advance(schema, OneRow);

        public string AdvanceWithMany { get; } = Advance(schema, ManyRows);

        public string AdvanceTipWithOne { get; } = AdvanceTip(schema, OneRow);

        public string AdvanceTipWithMany { get; } = AdvanceTip(schema, ManyRows);

        private static string Create(string schema, string rows) => $"""
            with created as (
                insert into {schema}.streams (id, type, country, version, head_hash, created_at, updated_at)
                values ($9, $10, $11, $12, $13, $14, $14))
            insert into {schema}.events (id, stream_id, version, type, data, metadata, recorded_at, hash)
            {rows}
            returning position, tx_id, version
            """;

        private static string Advance(string schema, string rows) => $"""
            with advanced as (
                update {schema}.streams set version = $10, head_hash = $11, updated_at = $12 where id = $9)
            insert into {schema}.events (id, stream_id, version, type, data, metadata, recorded_at, hash)
            {rows}
            returning position, tx_id, version
            """;

        /// <summary>
        /// Writes only while the row is still at the remembered tip, and raises <see cref="StreamMovedState"/>
        /// otherwise (a CASE evaluates its branches in order, so the raise runs only on a miss).
        /// </summary>
        private static string AdvanceTip(string schema, string rows) => $"""
            with advanced as (
                update {schema}.streams set version = $10, head_hash = $11, updated_at = $12
                where id = $9 and version = $13 and not archived and type = $14 and country is not distinct from $15
                returning 1)
            insert into {schema}.events (id, stream_id, version, type, data, metadata, recorded_at, hash)
            {rows}
            where case when exists (select from advanced) then true else {schema}.stream_moved($9) end
            returning position, tx_id, version
            """;
    }

    private static NpgsqlBatchCommand InsertEvents(PreparedStream stream, string sql)
    {
        var one = stream.Events.Length == 1;
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(one ? new NpgsqlParameter<Guid> { TypedValue = stream.EventIds[0] } : new NpgsqlParameter<Guid[]> { TypedValue = stream.EventIds });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream.Append.StreamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = stream.CurrentVersion });
        command.Parameters.Add(one
            ? new NpgsqlParameter<string> { TypedValue = stream.Events[0].Alias }
            : new NpgsqlParameter<string[]> { TypedValue = [.. stream.Events.Select(e => e.Alias)] });
        command.Parameters.Add(one
            ? new NpgsqlParameter<string> { TypedValue = Encoding.UTF8.GetString(stream.Events[0].CanonicalData), NpgsqlDbType = NpgsqlDbType.Jsonb }
            : new NpgsqlParameter<string[]> { TypedValue = [.. stream.Events.Select(e => Encoding.UTF8.GetString(e.CanonicalData))] });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Encoding.UTF8.GetString(stream.MetadataJson), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = StoredInstant.ToDateTime(stream.RecordedAt) });
        command.Parameters.Add(one ? new NpgsqlParameter<byte[]> { TypedValue = stream.Hashes[0] } : new NpgsqlParameter<byte[][]> { TypedValue = stream.Hashes });
        return command;
    }

    private async Task<long> ReadVersionAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select version from {schema}.streams where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long? ?? 0;
    }

    /// <summary>One stream's part of an append, serialized before the transaction opens.</summary>
    private sealed class PreparedStream(
        StreamAppend append, (string Alias, byte[] CanonicalData)[] events, EventMetadata metadata, byte[] metadataJson, Instant recordedAt)
    {
        private byte[]? headHash;   // null: a new stream, whose first event chains to its identity

        public StreamAppend Append => append;

        public (string Alias, byte[] CanonicalData)[] Events => events;

        public byte[] MetadataJson => metadataJson;

        public Instant RecordedAt => recordedAt;

        public Guid[] EventIds { get; } = StartupFund.EventStore.EventIds.NewBatch(events.Length, recordedAt);

        public byte[][] Hashes { get; private set; } = [];

        public long CurrentVersion { get; private set; }

        public bool IsNew { get; private set; } = append.Expected == ExpectedVersion.NoStream;

        public long NewVersion => CurrentVersion + events.Length;

        public byte[] NewHeadHash => Hashes[^1];

        public StreamTip? RememberedTip { get; private set; }

        public void SetRememberedTip(StreamTip tip)
        {
            RememberedTip = tip;
            CurrentVersion = tip.Version;
            headHash = tip.HeadHash;
        }

        public void SetTip(long version, byte[] hash)
        {
            RememberedTip = null;
            CurrentVersion = version;
            headHash = hash;
            IsNew = false;
        }

        public void ComputeHashes()
        {
            var micros = StoredInstant.ToUnixMicroseconds(recordedAt);
            var hashes = new byte[events.Length][];
            var previous = headHash ?? EventHash.GenesisOf(append.StreamId, append.StreamType, append.Country);
            for (var i = 0; i < events.Length; i++)
            {
                previous = hashes[i] = EventHash.Compute(previous, EventIds[i], append.StreamId, CurrentVersion + i + 1,
                    events[i].Alias, events[i].CanonicalData, metadataJson, micros);
            }

            Hashes = hashes;
        }

        public PendingAppend ToPending(object? state) => new(append, NewVersion, state,
            [.. events.Select((e, i) => new PendingEvent(append.StreamId, CurrentVersion + i + 1, e.Alias, append.Events[i], recordedAt))]);

        public RecordedEvent ToRecorded(long position, ulong txId, long version)
        {
            var index = (int)(version - CurrentVersion - 1);
            return new RecordedEvent(position, txId, EventIds[index], append.StreamId, version, events[index].Alias,
                append.Events[index], metadata, recordedAt, Hashes[index]);
        }
    }
}

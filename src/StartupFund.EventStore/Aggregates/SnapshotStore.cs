using System.Text.Json;
using Npgsql;
using StartupFund.EventStore.Serialization;
using StartupFund.EventStore.Schema;

namespace StartupFund.EventStore.Aggregates;

/// <summary>Loads aggregates from their snapshot plus the newer events, and refreshes snapshots inside an append.</summary>
internal sealed class SnapshotStore(SchemaName schemaName, EventSerializer serializer)
{
    private readonly string schema = schemaName.Quoted;

    /// <summary>
    /// Folds each stream's state up to its current version, all in one round trip: per stream its
    /// row, its snapshot row and the events after the snapshot. Outside a transaction the statements
    /// run in a read-only REPEATABLE READ transaction opened and committed in the same batch: each
    /// statement of a batch would otherwise see the log as of its own start, and an append that
    /// wrote a newer snapshot between the snapshot's statement and the events' made the events start
    /// after the newer snapshot, a state missing events under a version that looked right. Inside an
    /// append the stream's row is locked, so nobody else can move its snapshot. Both bounds of the
    /// version range are given so that the planner, which cannot see them at plan time, estimates a
    /// narrow range and keeps to the (stream_id, version) index even when a long stream makes up
    /// most of the table.
    /// </summary>
    public async Task<StreamLoad[]> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyList<(IAggregateDefinition Aggregate, string StreamId)> streams, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (transaction is null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("begin isolation level repeatable read read only"));
        }

        foreach (var (aggregate, streamId) in streams)
        {
            batch.BatchCommands.Add(BatchCommands.Create($"select type, version, head_hash from {schema}.streams where id = $1", streamId));
            batch.BatchCommands.Add(BatchCommands.Create($"select version, data from {schema}.snapshots where stream_id = $1 and shape = $2", streamId, aggregate.Shape));
            batch.BatchCommands.Add(BatchCommands.Create($"""
                select {EventRows.Columns} from {schema}.events
                where stream_id = $1
                  and version between coalesce((select version from {schema}.snapshots where stream_id = $1 and shape = $2), 0) + 1
                                  and (select version from {schema}.streams where id = $1)
                order by version
                """, streamId, aggregate.Shape));
        }

        if (transaction is null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var loads = new StreamLoad[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            if (i > 0)
            {
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            loads[i] = await ReadAsync(reader, streams[i].Aggregate, streams[i].StreamId, cancellationToken).ConfigureAwait(false);
        }

        return loads;
    }

    public async Task<StreamLoad> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IAggregateDefinition aggregate,
        string streamId, CancellationToken cancellationToken) =>
        (await LoadAsync(connection, transaction, [(aggregate, streamId)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Reads one stream's three result sets and folds them; the versions must follow each other from the snapshot's.</summary>
    private async Task<StreamLoad> ReadAsync(NpgsqlDataReader reader, IAggregateDefinition aggregate, string streamId, CancellationToken cancellationToken)
    {
        string? streamType = null;
        StreamTip? tip = null;
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            streamType = reader.GetString(0);
            tip = new StreamTip(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var state = aggregate.InitialState;
        long version = 0;
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            version = reader.GetInt64(0);
            state = JsonSerializer.Deserialize(reader.GetString(1), aggregate.StateType, serializer.Options)
                ?? throw new JsonException($"Snapshot of stream '{streamId}' deserialized to null.");
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var recorded = EventRows.Read(reader, serializer);
            if (recorded.Version != version + 1)
            {
                throw new EventStoreException($"Stream '{streamId}' read version {recorded.Version} after {version}: its events do not follow each other.");
            }

            state = aggregate.Evolve(state, recorded.Data);
            version = recorded.Version;
        }

        return new StreamLoad(state, version, streamType, tip?.Version == version ? tip : null);
    }

    /// <summary>Reads the stream in the append's transaction (which sees the append's events) and writes its snapshot.</summary>
    public async Task RefreshAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IAggregateDefinition aggregate,
        string streamId, CancellationToken cancellationToken)
    {
        var (state, version, _, _) = await LoadAsync(connection, transaction, aggregate, streamId, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { Write(aggregate, streamId, version, state) } };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The statement that makes <paramref name="state"/> the stream's snapshot at <paramref name="version"/>.</summary>
    public NpgsqlBatchCommand Write(IAggregateDefinition aggregate, string streamId, long version, object state) =>
        BatchCommands.Create($"""
            insert into {schema}.snapshots (stream_id, version, shape, data, updated_at) values ($1, $2, $3, $4::jsonb, now())
            on conflict (stream_id) do update set version = excluded.version, shape = excluded.shape, data = excluded.data, updated_at = excluded.updated_at
            """, streamId, version, aggregate.Shape, JsonSerializer.Serialize(state, aggregate.StateType, serializer.Options));
}

/// <summary>A stream's folded state and version; its type and remembered tip when it exists (the tip only if it matches the version).</summary>
internal sealed record StreamLoad(object State, long Version, string? StreamType, StreamTip? Tip);

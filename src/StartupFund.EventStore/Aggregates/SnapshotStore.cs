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
    /// Folds the stream's state up to its current version: one round trip, one snapshot row plus the
    /// events after it. Both bounds of the version range are given so that the planner, which cannot
    /// see them at plan time, estimates a narrow range and keeps to the (stream_id, version) index
    /// even when a long stream makes up most of the table.
    /// </summary>
    public async Task<(object State, long Version, string? StreamType, StreamTip? Tip)> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IAggregateDefinition aggregate, string streamId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await TryLoadAsync(connection, transaction, aggregate, streamId, cancellationToken).ConfigureAwait(false) is { } loaded)
            {
                return loaded;
            }
        }
    }

    /// <summary>
    /// Null when the read was torn: each statement of the batch sees the log as of its own start, so
    /// an append that writes a newer snapshot between the snapshot's statement and the events'
    /// makes the events start after the newer snapshot, not after the one read. Folding those would
    /// give a state missing events under a version that looks right.
    /// </summary>
    private async Task<(object State, long Version, string? StreamType, StreamTip? Tip)?> TryLoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IAggregateDefinition aggregate, string streamId, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                BatchCommands.Create($"select type, version, head_hash from {schema}.streams where id = $1", streamId),
                BatchCommands.Create($"select version, data from {schema}.snapshots where stream_id = $1 and shape = $2", streamId, aggregate.Shape),
                BatchCommands.Create($"""
                    select {EventRows.Columns} from {schema}.events
                    where stream_id = $1
                      and version between coalesce((select version from {schema}.snapshots where stream_id = $1 and shape = $2), 0) + 1
                                      and (select version from {schema}.streams where id = $1)
                    order by version
                    """, streamId, aggregate.Shape),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (aggregate.InitialState, 0, null, null);
        }

        var streamType = reader.GetString(0);
        var tip = new StreamTip(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
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
                return null;
            }

            state = aggregate.Evolve(state, recorded.Data);
            version = recorded.Version;
        }

        return (state, version, streamType, tip.Version == version ? tip : null);
    }

    public async Task RefreshAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IAggregateDefinition aggregate,
        string streamId, CancellationToken cancellationToken)
    {
        var (state, version, _, _) = await LoadAsync(connection, transaction, aggregate, streamId, cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(state, aggregate.StateType, serializer.Options);
        await using var command = new NpgsqlCommand($"""
            insert into {schema}.snapshots (stream_id, version, shape, data, updated_at) values ($1, $2, $3, $4::jsonb, now())
            on conflict (stream_id) do update set version = excluded.version, shape = excluded.shape, data = excluded.data, updated_at = excluded.updated_at
            """, connection, transaction)
        {
            Parameters = { new() { Value = streamId }, new() { Value = version }, new() { Value = aggregate.Shape }, new() { Value = json } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

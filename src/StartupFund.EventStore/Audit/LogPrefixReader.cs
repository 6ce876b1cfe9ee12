using System.Data;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using StartupFund.EventStore.Schema;

namespace StartupFund.EventStore.Audit;

/// <summary>
/// Reads the log in order up to the horizon of one snapshot: every event whose transaction is
/// older than every transaction still running, so the prefix it yields can never gain an event
/// later (docs/architecture.md, "Gap-free tailing"). Optionally one country's streams only.
/// </summary>
internal sealed class LogPrefixReader(NpgsqlDataSource dataSource, SchemaName schemaName)
{
    public async IAsyncEnumerable<ExportedEvent> ReadAsync(string? country, long? maxEvents,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var schema = schemaName.Quoted;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            select e.position, e.tx_id, e.id, e.stream_id, s.type, s.country, e.version, e.type, e.data::text, e.metadata::text, e.recorded_at, e.hash
            from {schema}.events e join {schema}.streams s on s.id = e.stream_id
            where e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
              and ($1::text is null or s.country = $1)
            order by e.tx_id, e.position
            limit $2
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)country ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)maxEvents ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var position = reader.GetInt64(0);
            var txId = reader.GetFieldValue<ulong>(1);
            var eventId = reader.GetGuid(2);
            var streamId = reader.GetString(3);
            var streamType = reader.GetString(4);
            var streamCountry = reader.IsDBNull(5) ? null : reader.GetString(5);
            var version = reader.GetInt64(6);
            var type = reader.GetString(7);
            using var data = JsonDocument.Parse(reader.GetString(8));
            using var metadata = JsonDocument.Parse(reader.GetString(9));
            yield return new ExportedEvent(position, txId, eventId, streamId, streamType, streamCountry, version, type,
                data.RootElement.Clone(), metadata.RootElement.Clone(), StoredInstant.FromDateTime(reader.GetDateTime(10)),
                Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(11)));
        }
    }
}

using System.Text.Json;
using Npgsql;
using StartupFund.EventStore.Serialization;

namespace StartupFund.EventStore;

/// <summary>The one place that knows the column list of an event row and turns a row into a <see cref="RecordedEvent"/>.</summary>
internal static class EventRows
{
    public const string Columns = "position, tx_id, id, stream_id, version, type, data, metadata, recorded_at, hash";

    public static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static RecordedEvent Read(NpgsqlDataReader reader, EventSerializer serializer)
    {
        var streamId = reader.GetString(3);
        var version = reader.GetInt64(4);
        var alias = reader.GetString(5);
        return new RecordedEvent(
            Position: reader.GetInt64(0),
            TxId: reader.GetFieldValue<ulong>(1),
            EventId: reader.GetGuid(2),
            StreamId: streamId,
            Version: version,
            Alias: alias,
            Data: serializer.Deserialize(alias, reader.GetString(6), streamId, version),
            Metadata: JsonSerializer.Deserialize<EventMetadata>(reader.GetString(7), MetadataJson) ?? EventMetadata.None,
            RecordedAt: StoredInstant.FromDateTime(reader.GetDateTime(8)),
            Hash: reader.GetFieldValue<byte[]>(9));
    }

    public static async Task<List<RecordedEvent>> ReadAllAsync(NpgsqlDataReader reader, EventSerializer serializer, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(Read(reader, serializer));
        }

        return events;
    }
}

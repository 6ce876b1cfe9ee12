using System.Text.Json;
using NodaTime;
using StartupFund.EventStore.Hashing;
using StartupFund.EventStore.Serialization;

namespace StartupFund.EventStore.Audit;

/// <summary>One event as it stands in an export file: every stored field, data and metadata as JSON.</summary>
public sealed record ExportedEvent(
    long Position,
    ulong TxId,
    Guid EventId,
    string StreamId,
    string StreamType,
    string? Country,
    long Version,
    string Type,
    JsonElement Data,
    JsonElement Metadata,
    Instant RecordedAt,
    string Hash)
{
    public LogCursor Cursor => new(TxId, Position);

    /// <summary>Recomputes this event's hash from its fields and its predecessor's hash, exactly as the store does.</summary>
    public byte[] ComputeHash(ReadOnlySpan<byte> previousHash) => EventHash.Compute(
        previousHash, EventId, StreamId, Version, Type, CanonicalJson.Canonicalize(Data), CanonicalJson.Canonicalize(Metadata),
        StoredInstant.ToUnixMicroseconds(RecordedAt));
}

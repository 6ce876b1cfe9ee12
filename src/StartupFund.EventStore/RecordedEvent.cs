using NodaTime;

namespace StartupFund.EventStore;

/// <summary>An event as stored: its place in the log and its stream, its data and its tamper-evident hash.</summary>
public sealed record RecordedEvent(
    long Position,
    ulong TxId,
    Guid EventId,
    string StreamId,
    long Version,
    string Alias,
    object Data,
    EventMetadata Metadata,
    Instant RecordedAt,
    byte[] Hash)
{
    public LogCursor Cursor => new(TxId, Position);
}

using NodaTime;

namespace StartupFund.EventStore.Projections;

/// <summary>
/// One stream's part of an append before it is sent: its events with the versions they will take, and the
/// state they fold the stream to when the store knows it (null otherwise).
/// </summary>
public sealed record PendingAppend(StreamAppend Append, long NewVersion, object? State, IReadOnlyList<PendingEvent> Events);

/// <summary>An event of an append before it is sent: everything of it but its place in the log.</summary>
public sealed record PendingEvent(string StreamId, long Version, string Alias, object Data, Instant RecordedAt)
{
    public static PendingEvent From(RecordedEvent recorded) =>
        new(recorded.StreamId, recorded.Version, recorded.Alias, recorded.Data, recorded.RecordedAt);
}

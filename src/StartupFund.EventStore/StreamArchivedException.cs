namespace StartupFund.EventStore;

/// <summary>An append targeted an archived stream; archived streams are read-only.</summary>
public sealed class StreamArchivedException(string streamId)
    : EventStoreException($"Stream '{streamId}' is archived and accepts no new events.")
{
    public string StreamId { get; } = streamId;
}

namespace StartupFund.EventStore;

/// <summary>An operation named a stream that does not exist.</summary>
public sealed class StreamNotFoundException(string streamId)
    : EventStoreException($"Stream '{streamId}' does not exist.")
{
    public string StreamId { get; } = streamId;
}

namespace StartupFund.EventStore;

/// <summary>An append named a stream type or country that differs from the existing stream's.</summary>
public sealed class StreamTypeMismatchException(string streamId, string message)
    : EventStoreException($"Stream '{streamId}': {message}")
{
    public string StreamId { get; } = streamId;
}

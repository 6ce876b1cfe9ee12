namespace StartupFund.EventStore;

/// <summary>
/// An append lost a race: the stream was not at the expected version. Nothing of the append was
/// written. <see cref="ActualVersion"/> is 0 when the stream does not exist.
/// </summary>
public sealed class ConcurrencyException(string streamId, ExpectedVersion expected, long actualVersion)
    : EventStoreException($"Stream '{streamId}' was expected at {expected} but is at version {actualVersion}.")
{
    public string StreamId { get; } = streamId;

    public ExpectedVersion Expected { get; } = expected;

    public long ActualVersion { get; } = actualVersion;
}

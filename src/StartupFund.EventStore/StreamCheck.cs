namespace StartupFund.EventStore;

/// <summary>
/// A stream an append read but does not write: the append commits only if the stream is still at
/// <see cref="Version"/>, and holds it there (a share lock on its row) until it commits. A decision
/// that depends on a stream it leaves unwritten names it here, or another command could move the
/// stream between the read and the commit unnoticed.
/// </summary>
public sealed record StreamCheck
{
    public StreamCheck(string streamId, long version)
    {
        StreamAppend.ValidateStreamId(streamId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        StreamId = streamId;
        Version = version;
    }

    public string StreamId { get; }

    public long Version { get; }
}

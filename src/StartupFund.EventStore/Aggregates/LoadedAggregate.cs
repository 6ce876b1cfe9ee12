namespace StartupFund.EventStore.Aggregates;

/// <summary>An aggregate's state and the stream version it reflects (0: the stream does not exist).</summary>
public sealed record LoadedAggregate<TState>(TState State, long Version)
{
    public bool Exists => Version > 0;

    /// <summary>The expectation to append with so the append fails if anyone wrote in between.</summary>
    public ExpectedVersion ExpectedVersion => ExpectedVersion.Exact(Version);
}

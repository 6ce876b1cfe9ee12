namespace StartupFund.EventStore.Aggregates;

/// <summary>An aggregate's state and the stream version it reflects (0: the stream does not exist).</summary>
public sealed record LoadedAggregate<TState>(TState State, long Version)
{
    public bool Exists => Version > 0;

    /// <summary>
    /// True when the state came from the store's memory instead of the database: it may be behind
    /// if another process wrote the stream since, so decide on it only for an append at this version.
    /// </summary>
    public bool IsRemembered { get; init; }

    /// <summary>The expectation to append with so the append fails if anyone wrote in between.</summary>
    public ExpectedVersion ExpectedVersion => ExpectedVersion.Exact(Version);
}

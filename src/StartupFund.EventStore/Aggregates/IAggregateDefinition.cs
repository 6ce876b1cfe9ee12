namespace StartupFund.EventStore.Aggregates;

/// <summary>How to fold one stream type into state, and how often to snapshot it (untyped view for the store).</summary>
public interface IAggregateDefinition
{
    string StreamType { get; }

    Type StateType { get; }

    /// <summary>Names the state's JSON shape; a snapshot of another shape is ignored and the stream folded from the start.</summary>
    string Shape { get; }

    int SnapshotEvery { get; }

    object InitialState { get; }

    object Evolve(object state, object domainEvent);
}

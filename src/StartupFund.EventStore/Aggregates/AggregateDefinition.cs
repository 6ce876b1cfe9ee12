namespace StartupFund.EventStore.Aggregates;

/// <summary>
/// A decider's fold for one stream type: initial state and evolve. The store writes a snapshot of
/// the state inside the append transaction whenever a stream's version crosses a multiple of
/// <see cref="SnapshotEvery"/>, so a load reads one snapshot row plus fewer than that many events.
/// </summary>
public sealed class AggregateDefinition<TState> : IAggregateDefinition where TState : notnull
{
    public const int MinSnapshotEvery = 1;
    public const int MaxSnapshotEvery = 100_000;

    public AggregateDefinition(string streamType, TState initial, Func<TState, object, TState> evolve, int snapshotEvery = 100, string shape = "1")
    {
        ArgumentException.ThrowIfNullOrEmpty(streamType);
        ArgumentNullException.ThrowIfNull(evolve);
        ArgumentException.ThrowIfNullOrEmpty(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, MinSnapshotEvery);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(snapshotEvery, MaxSnapshotEvery);
        StreamType = streamType;
        Initial = initial;
        EvolveState = evolve;
        SnapshotEvery = snapshotEvery;
        Shape = shape;
    }

    public string StreamType { get; }

    public TState Initial { get; }

    public Func<TState, object, TState> EvolveState { get; }

    public int SnapshotEvery { get; }

    public string Shape { get; }

    Type IAggregateDefinition.StateType => typeof(TState);

    object IAggregateDefinition.InitialState => Initial;

    object IAggregateDefinition.Evolve(object state, object domainEvent) => EvolveState((TState)state, domainEvent);
}

using StartupFund.EventStore;
using StartupFund.EventStore.Aggregates;

namespace StartupFund.Ledger.Pipeline;

/// <summary>
/// The loads of one attempt at a decision. A first attempt may decide on the states the store
/// remembers, without reading them (<see cref="EventStore.EventStore.LoadForAppendAsync{TState}"/>).
/// Such a decision stands only if its append checks the version of every remembered stream, that
/// is, if it appends to each of them at exactly the version remembered. A refusal, or a decision
/// that leaves a remembered stream unwritten, may have been judged on a state another process has
/// since moved on from: it is made again on states read from the database.
/// </summary>
internal sealed class DecisionLoads
{
    private readonly EventStore.EventStore store;
    private readonly bool mayRemember;
    private readonly List<(string StreamId, long Version)> remembered = [];

    private DecisionLoads(EventStore.EventStore store, bool mayRemember)
    {
        this.store = store;
        this.mayRemember = mayRemember;
    }

    public bool AnyRemembered => remembered.Count > 0;

    /// <summary>Decides, on remembered states when <paramref name="mayRemember"/>, and again on read ones when those do not stand.</summary>
    public static async Task<Decision> DecideAsync(EventStore.EventStore store, bool mayRemember,
        Func<DecisionLoads, CancellationToken, Task<Decision>> decide, CancellationToken cancellationToken)
    {
        if (mayRemember)
        {
            var loads = new DecisionLoads(store, mayRemember: true);
            try
            {
                var decision = await decide(loads, cancellationToken).ConfigureAwait(false);
                if (loads.remembered.TrueForAll(r => decision.Appends.Any(a => a.StreamId == r.StreamId && a.Expected == ExpectedVersion.Exact(r.Version))))
                {
                    return decision;
                }
            }
            catch (Exception e) when (loads.AnyRemembered && e is not OperationCanceledException)
            {
                // judged on a remembered state: decided again below
            }
        }

        return await decide(new DecisionLoads(store, mayRemember: false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<LoadedAggregate<TState>> LoadAsync<TState>(string streamId, CancellationToken cancellationToken)
        where TState : notnull
    {
        var loaded = mayRemember
            ? await store.LoadForAppendAsync<TState>(streamId, cancellationToken).ConfigureAwait(false)
            : await store.LoadAsync<TState>(streamId, cancellationToken).ConfigureAwait(false);
        Note(streamId, loaded);
        return loaded;
    }

    public async Task<(LoadedAggregate<TFirst> First, LoadedAggregate<TSecond> Second)> LoadAsync<TFirst, TSecond>(
        string firstStreamId, string secondStreamId, CancellationToken cancellationToken)
        where TFirst : notnull
        where TSecond : notnull
    {
        var (first, second) = mayRemember
            ? await store.LoadForAppendAsync<TFirst, TSecond>(firstStreamId, secondStreamId, cancellationToken).ConfigureAwait(false)
            : await store.LoadAsync<TFirst, TSecond>(firstStreamId, secondStreamId, cancellationToken).ConfigureAwait(false);
        Note(firstStreamId, first);
        Note(secondStreamId, second);
        return (first, second);
    }

    private void Note<TState>(string streamId, LoadedAggregate<TState> loaded)
        where TState : notnull
    {
        if (loaded.IsRemembered)
        {
            remembered.Add((streamId, loaded.Version));
        }
    }
}

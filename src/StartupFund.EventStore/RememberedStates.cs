using System.Collections.Concurrent;

namespace StartupFund.EventStore;

/// <summary>
/// Each stream's folded state at the version this store last loaded it or appended to it, so that a
/// command can decide without reading the stream again. Another process may have written the
/// stream since: a remembered state is only fit for a decision whose append expects exactly its
/// version, which then fails instead of committing on it (<see cref="EventStore.LoadForAppendAsync{TState}"/>).
/// States are immutable, so concurrent commands can share one.
/// </summary>
internal sealed class RememberedStates(int capacity)
{
    private readonly ConcurrentDictionary<string, RememberedState> states = new(StringComparer.Ordinal);
    private int count;   // approximate: ConcurrentDictionary.Count takes every lock of the dictionary

    public bool TryGet(string streamId, out RememberedState state) => states.TryGetValue(streamId, out state!);

    /// <summary>Remembers a state unless a newer one is already known.</summary>
    public void Remember(string streamId, long version, object state)
    {
        if (capacity == 0)
        {
            return;
        }

        var remembered = new RememberedState(version, state);
        if (states.TryAdd(streamId, remembered))
        {
            if (Interlocked.Increment(ref count) > capacity)
            {
                // A simple bound: forgetting everything only costs each stream one load.
                states.Clear();
                Interlocked.Exchange(ref count, 0);
            }

            return;
        }

        states.AddOrUpdate(streamId, remembered, (_, known) => known.Version >= version ? known : remembered);
    }

    public void Forget(string streamId)
    {
        if (states.TryRemove(streamId, out _))
        {
            Interlocked.Decrement(ref count);
        }
    }
}

internal sealed record RememberedState(long Version, object State);

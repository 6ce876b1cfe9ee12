using System.Collections.Concurrent;

namespace StartupFund.EventStore;

/// <summary>
/// The last known (version, head hash) of streams this store has loaded or appended to. An append
/// that expects exactly a remembered version can chain its hashes from the remembered head and
/// skip the round trip that locks and reads the stream row: its write only advances the row while
/// the row is still at that version, so a stale entry costs a fallback, never a wrong chain (the
/// hash of a version never changes once written).
/// </summary>
internal sealed class StreamTips(int capacity)
{
    private readonly ConcurrentDictionary<string, StreamTip> tips = new(StringComparer.Ordinal);

    public bool TryGet(string streamId, long version, out StreamTip tip) =>
        tips.TryGetValue(streamId, out tip!) && tip.Version == version;

    /// <summary>Remembers a tip unless a newer one is already known.</summary>
    public void Remember(string streamId, long version, byte[] headHash)
    {
        if (capacity == 0)
        {
            return;
        }

        if (tips.Count >= capacity)
        {
            // A simple bound: forgetting everything only costs one lock round trip per stream.
            tips.Clear();
        }

        var tip = new StreamTip(version, headHash);
        tips.AddOrUpdate(streamId, tip, (_, known) => known.Version >= version ? known : tip);
    }

    public void Forget(string streamId, StreamTip stale) => tips.TryRemove(KeyValuePair.Create(streamId, stale));
}

internal sealed record StreamTip(long Version, byte[] HeadHash);

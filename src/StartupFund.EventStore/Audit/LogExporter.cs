using NodaTime;
using StartupFund.EventStore.Hashing;

namespace StartupFund.EventStore.Audit;

/// <summary>Writes a consistent prefix of the log (all of it, or one country's streams) as an export file.</summary>
internal sealed class LogExporter(LogPrefixReader prefix, IClock clock)
{
    public async Task<LogDigest> ExportAsync(Stream output, string? country, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);

        // Read first, write after: a database that cannot be read fails the export before its first byte, so an HTTP
        // download answers with an error status rather than a 200 and a file cut short after its header.
        var events = prefix.ReadAsync(country, null, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = events.ConfigureAwait(false);
        var more = await events.MoveNextAsync().ConfigureAwait(false);
        await ExportFile.WriteLineAsync(output, w => ExportFile.WriteHeader(w, country is null ? "all" : $"country:{country}", clock.GetCurrentInstant()),
            cancellationToken).ConfigureAwait(false);

        var digest = new DigestChain();
        var heads = new Dictionary<string, StreamHead>(StringComparer.Ordinal);
        for (; more; more = await events.MoveNextAsync().ConfigureAwait(false))
        {
            var e = events.Current;
            await ExportFile.WriteLineAsync(output, w => ExportFile.WriteEvent(w, e), cancellationToken).ConfigureAwait(false);
            digest.Add(Convert.FromHexString(e.Hash), e.Cursor);
            heads[e.StreamId] = new StreamHead(e.StreamId, e.Version, e.Hash, Archived: false);
            if (digest.Events % 10_000 == 0)
            {
                progress?.Report(digest.Events);
            }
        }

        foreach (var head in heads.Values.OrderBy(h => h.StreamId, StringComparer.Ordinal))
        {
            await ExportFile.WriteLineAsync(output, w => ExportFile.WriteStream(w, head), cancellationToken).ConfigureAwait(false);
        }

        var result = digest.ToDigest();
        await ExportFile.WriteLineAsync(output, w => ExportFile.WriteDigest(w, result), cancellationToken).ConfigureAwait(false);
        progress?.Report(digest.Events);
        return result;
    }

    /// <summary>
    /// Whether the log still begins with exactly the events <paramref name="earlier"/> covered: their stored hashes
    /// fold to it, and each still matches its event's content and its predecessor. The hashes alone are not enough:
    /// an edit that left an event's stored hash in place would fold to the same digest.
    /// </summary>
    public async Task<bool> ExtendsAsync(LogDigest earlier, string? country, CancellationToken cancellationToken)
    {
        var digest = new DigestChain();
        var heads = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var e in prefix.ReadAsync(country, earlier.Events, cancellationToken).ConfigureAwait(false))
        {
            var stored = Convert.FromHexString(e.Hash);
            var previous = heads.TryGetValue(e.StreamId, out var head) ? head : EventHash.GenesisOf(e.StreamId, e.StreamType, e.Country);
            if (!e.ComputeHash(previous).AsSpan().SequenceEqual(stored))
            {
                return false;
            }

            heads[e.StreamId] = stored;
            digest.Add(stored, e.Cursor);
        }

        var now = digest.ToDigest();
        return now.Events == earlier.Events && now.Sha256 == earlier.Sha256;
    }

    public async Task<LogDigest> DigestAsync(string? country, long? maxEvents, CancellationToken cancellationToken)
    {
        var digest = new DigestChain();
        await foreach (var e in prefix.ReadAsync(country, maxEvents, cancellationToken).ConfigureAwait(false))
        {
            digest.Add(Convert.FromHexString(e.Hash), e.Cursor);
        }

        return digest.ToDigest();
    }
}

using System.Text.Json;
using StartupFund.EventStore.Hashing;

namespace StartupFund.EventStore.Audit;

/// <summary>The checks of <see cref="ExportFileVerifier"/>, line by line, so an import can verify as it reads.</summary>
internal sealed class ExportChecker(LogDigest? trusted)
{
    private readonly List<FileBreak> breaks = [];
    private readonly Dictionary<string, StreamChain> chains = new(StringComparer.Ordinal);
    private readonly DigestChain digest = new();
    private readonly HashSet<string> headsSeen = new(StringComparer.Ordinal);
    private LogCursor lastCursor = LogCursor.Start;
    private LogDigest? claimed;
    private int claimedAtLine;
    private int lastLine;
    private bool headerSeen;

    public long Events { get; private set; }

    /// <summary>The header's format version (1 when a header does not say).</summary>
    public int FormatVersion { get; private set; } = 1;

    /// <summary>Checks one line; returns the event when the line is an event that reads (verified or not).</summary>
    public ExportedEvent? Accept(ExportLine line)
    {
        lastLine = line.Number;
        if (claimed is not null)
        {
            Break(line.Number, null, null, "content after the closing digest line");
            return null;
        }

        if (!headerSeen)
        {
            headerSeen = true;
            if (line.Kind != "header" || !line.Json.TryGetProperty("format", out var format) || format.GetString() != ExportFile.Format)
            {
                Break(line.Number, null, null, $"the first line is not a {ExportFile.Format} header");
            }
            else if (line.Json.TryGetProperty("formatVersion", out var version) && version.TryGetInt32(out var number))
            {
                FormatVersion = number;
                if (number is < 1 or > ExportFile.FormatVersion)
                {
                    Break(line.Number, null, null, $"format version {number} is not one this program reads (1 to {ExportFile.FormatVersion})");
                }
            }

            return null;
        }

        try
        {
            switch (line.Kind)
            {
                case "event":
                    var e = ExportFile.ReadEvent(line.Json);
                    AcceptEvent(line.Number, e);
                    return e;
                case "stream":
                    AcceptHead(line.Number, line.Json);
                    break;
                case "digest":
                    claimed = ExportFile.ReadDigest(line.Json);
                    claimedAtLine = line.Number;
                    break;
                case ExportLine.Malformed:
                    Break(line.Number, null, null, line.Error!);
                    break;
                default:
                    Break(line.Number, null, null, $"unknown line kind '{line.Kind}'");
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            Break(line.Number, null, null, $"line cannot be read: {e.Message}");
        }

        return null;
    }

    public ExportVerificationReport Finish()
    {
        var recomputed = digest.ToDigest();
        if (claimed is null)
        {
            Break(lastLine + 1, null, null, "the closing digest line is missing (file truncated?)");
        }
        else if (claimed.Events != recomputed.Events || claimed.Sha256 != recomputed.Sha256)
        {
            Break(claimedAtLine, null, null,
                $"the file's digest ({claimed.Events} events, {claimed.Sha256}) does not match its events ({recomputed.Events} events, {recomputed.Sha256}): events were removed, added or reordered");
        }

        foreach (var (streamId, chain) in chains.Where(c => !headsSeen.Contains(c.Key)))
        {
            Break(chain.LastLine, streamId, chain.Version, "the stream has no head line");
        }

        if (trusted is not null && (trusted.Events == 0 ? "" : digestAtTrustedLength) != (trusted.Events == 0 ? "" : trusted.Sha256))
        {
            Break(lastLine, null, null, $"the file does not extend the trusted digest ({trusted.Events}:{trusted.Sha256}), or that digest is of another scope (a digest of the whole log checks a whole-log export; one of a country, that country's export)");
        }

        return new ExportVerificationReport(Events, chains.Count, recomputed, claimed, breaks);
    }

    /// <summary>The file's digest over as many events as the trusted digest covers.</summary>
    private string? digestAtTrustedLength;

    private void AcceptEvent(int lineNumber, ExportedEvent e)
    {
        Events++;
        if (e.Cursor <= lastCursor)
        {
            Break(lineNumber, e.StreamId, e.Version, $"out of log order: {e.Cursor} does not come after {lastCursor}");
        }

        lastCursor = e.Cursor > lastCursor ? e.Cursor : lastCursor;
        byte[] storedHash;
        try
        {
            storedHash = Convert.FromHexString(e.Hash);
        }
        catch (FormatException)
        {
            storedHash = [];
        }

        digest.Add(storedHash.Length == EventHash.Length ? storedHash : new byte[EventHash.Length], e.Cursor);
        if (trusted is not null && digest.Events == trusted.Events)
        {
            digestAtTrustedLength = digest.ToDigest().Sha256;
        }

        if (!chains.TryGetValue(e.StreamId, out var chain))
        {
            var genesis = FormatVersion == 1 ? EventHash.LegacyGenesis.ToArray() : EventHash.GenesisOf(e.StreamId, e.StreamType, e.Country);
            chains[e.StreamId] = chain = new StreamChain(e.StreamType, e.Country, genesis);
        }

        chain.LastLine = lineNumber;
        if (chain.Broken)
        {
            return;
        }

        if (e.StreamType != chain.StreamType || e.Country != chain.Country)
        {
            StreamBreak(chain, lineNumber, e, "stream type or country differs from the stream's earlier lines");
        }
        else if (e.Version != chain.Version + 1)
        {
            StreamBreak(chain, lineNumber, e, $"expected version {chain.Version + 1} of the stream here (a version is missing, repeated or moved)");
        }
        else if (storedHash.Length != EventHash.Length || !e.ComputeHash(chain.PreviousHash).AsSpan().SequenceEqual(storedHash))
        {
            StreamBreak(chain, lineNumber, e, e.Version == 1
                ? "hash does not match the event's content and the stream's identity (id, type, country)"
                : "hash does not match the event's content and its predecessor");
        }
        else
        {
            chain.Version = e.Version;
            chain.PreviousHash = storedHash;
        }
    }

    private void AcceptHead(int lineNumber, JsonElement json)
    {
        var streamId = ExportFile.RequiredString(json, "id");
        var version = json.GetProperty("version").GetInt64();
        var head = ExportFile.RequiredString(json, "head");
        headsSeen.Add(streamId);
        if (!chains.TryGetValue(streamId, out var chain))
        {
            Break(lineNumber, streamId, version, "head line for a stream with no events in the file");
        }
        else if (!chain.Broken && (chain.Version != version || Convert.ToHexStringLower(chain.PreviousHash) != head))
        {
            Break(lineNumber, streamId, Math.Min(chain.Version, version) + 1,
                $"the stream's head says version {version}, but its events end at version {chain.Version} (or its hash differs)");
        }
    }

    private void StreamBreak(StreamChain chain, int lineNumber, ExportedEvent e, string reason)
    {
        chain.Broken = true;
        Break(lineNumber, e.StreamId, e.Version, reason);
    }

    private void Break(int line, string? streamId, long? version, string reason)
    {
        if (breaks.Count < ExportFileVerifier.MaxBreaksReported)
        {
            breaks.Add(new FileBreak(line, streamId, version, reason));
        }
    }

    private sealed class StreamChain(string streamType, string? country, byte[] genesis)
    {
        public string StreamType => streamType;

        public string? Country => country;

        public long Version { get; set; }

        public byte[] PreviousHash { get; set; } = genesis;

        public bool Broken { get; set; }

        public int LastLine { get; set; }
    }
}

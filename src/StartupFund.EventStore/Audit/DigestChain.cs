using System.Security.Cryptography;
using StartupFund.EventStore.Hashing;

namespace StartupFund.EventStore.Audit;

/// <summary>Folds event hashes, in log order, into a <see cref="LogDigest"/>.</summary>
public sealed class DigestChain
{
    private readonly byte[] current = new byte[EventHash.Length];
    private readonly byte[] input = new byte[EventHash.Length * 2];

    public long Events { get; private set; }

    public LogCursor Last { get; private set; } = LogCursor.Start;

    public void Add(ReadOnlySpan<byte> eventHash, LogCursor cursor)
    {
        if (eventHash.Length != EventHash.Length)
        {
            throw new ArgumentException($"An event hash is {EventHash.Length} bytes; got {eventHash.Length}.", nameof(eventHash));
        }

        current.CopyTo(input, 0);
        eventHash.CopyTo(input.AsSpan(EventHash.Length));
        SHA256.HashData(input, current);
        Events++;
        Last = cursor;
    }

    public LogDigest ToDigest() => new(Events, Last, Convert.ToHexStringLower(current));
}

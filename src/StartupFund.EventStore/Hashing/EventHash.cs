using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StartupFund.EventStore.Hashing;

/// <summary>
/// The tamper-evident hash of one event: SHA-256 over the previous hash in its stream followed by
/// the length-prefixed canonical bytes of event id, stream id, version, type alias, data, metadata
/// and recorded-at (Unix microseconds). Public so offline verifiers compute exactly the same bytes.
/// </summary>
public static class EventHash
{
    public const int Length = 32;

    /// <summary>The "previous hash" of a stream's first event.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[Length];

    public static byte[] Compute(
        ReadOnlySpan<byte> previousHash,
        Guid eventId,
        string streamId,
        long version,
        string alias,
        ReadOnlySpan<byte> canonicalData,
        ReadOnlySpan<byte> canonicalMetadata,
        long recordedAtUnixMicroseconds)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[16];
        AppendField(hash, previousHash);
        eventId.TryWriteBytes(scratch, bigEndian: true, out _);
        AppendField(hash, scratch[..16]);
        AppendField(hash, Encoding.UTF8.GetBytes(streamId));
        BinaryPrimitives.WriteInt64BigEndian(scratch, version);
        AppendField(hash, scratch[..8]);
        AppendField(hash, Encoding.UTF8.GetBytes(alias));
        AppendField(hash, canonicalData);
        AppendField(hash, canonicalMetadata);
        BinaryPrimitives.WriteInt64BigEndian(scratch, recordedAtUnixMicroseconds);
        AppendField(hash, scratch[..8]);
        return hash.GetHashAndReset();
    }

    private static void AppendField(IncrementalHash hash, ReadOnlySpan<byte> field)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, field.Length);
        hash.AppendData(length);
        hash.AppendData(field);
    }
}

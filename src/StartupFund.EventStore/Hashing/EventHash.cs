using System.Buffers;
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

    private const int LengthPrefix = 4;

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
        var streamIdBytes = Encoding.UTF8.GetByteCount(streamId);
        var aliasBytes = Encoding.UTF8.GetByteCount(alias);
        var total = (8 * LengthPrefix) + previousHash.Length + 16 + streamIdBytes + 8 + aliasBytes
            + canonicalData.Length + canonicalMetadata.Length + 8;
        var rented = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var writer = new FieldWriter(rented);
            writer.Write(previousHash);
            eventId.TryWriteBytes(writer.Reserve(16), bigEndian: true, out _);
            Encoding.UTF8.GetBytes(streamId, writer.Reserve(streamIdBytes));
            BinaryPrimitives.WriteInt64BigEndian(writer.Reserve(8), version);
            Encoding.UTF8.GetBytes(alias, writer.Reserve(aliasBytes));
            writer.Write(canonicalData);
            writer.Write(canonicalMetadata);
            BinaryPrimitives.WriteInt64BigEndian(writer.Reserve(8), recordedAtUnixMicroseconds);
            return SHA256.HashData(rented.AsSpan(0, writer.Written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes each field as a 4-byte big-endian length followed by its bytes.</summary>
    private ref struct FieldWriter(byte[] buffer)
    {
        public int Written { get; private set; }

        public void Write(ReadOnlySpan<byte> field) => field.CopyTo(Reserve(field.Length));

        public Span<byte> Reserve(int length)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(Written, LengthPrefix), length);
            var field = buffer.AsSpan(Written + LengthPrefix, length);
            Written += LengthPrefix + length;
            return field;
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StartupFund.EventStore.Hashing;

/// <summary>
/// The tamper-evident hash of one event: SHA-256 over the previous hash in its stream followed by
/// the length-prefixed canonical bytes of event id, stream id, version, type alias, data, metadata
/// and recorded-at (Unix microseconds). A stream's first event chains to the stream's identity
/// (<see cref="GenesisOf"/>), so its type and country are covered too. Public so offline verifiers
/// compute exactly the same bytes.
/// </summary>
public static class EventHash
{
    public const int Length = 32;

    private const int LengthPrefix = 4;

    /// <summary>The "previous hash" of a stream's first event before streams' identities were chained (stores written before 2026-11-23).</summary>
    public static ReadOnlySpan<byte> LegacyGenesis => new byte[Length];

    private static readonly byte[] GenesisLabel = Encoding.UTF8.GetBytes("startupfund/stream/v1");

    /// <summary>
    /// The "previous hash" of a stream's first event: SHA-256 over the length-prefixed label
    /// "startupfund/stream/v1", stream id, stream type and country (empty for none). Moving a stream to
    /// another country or type changes the hash of its first event, and so of every event after it.
    /// </summary>
    public static byte[] GenesisOf(string streamId, string streamType, string? country)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(streamType);
        country ??= string.Empty;
        var idBytes = Encoding.UTF8.GetByteCount(streamId);
        var typeBytes = Encoding.UTF8.GetByteCount(streamType);
        var countryBytes = Encoding.UTF8.GetByteCount(country);
        var buffer = new byte[(4 * LengthPrefix) + GenesisLabel.Length + idBytes + typeBytes + countryBytes];
        var writer = new FieldWriter(buffer);
        writer.Write(GenesisLabel);
        Encoding.UTF8.GetBytes(streamId, writer.Reserve(idBytes));
        Encoding.UTF8.GetBytes(streamType, writer.Reserve(typeBytes));
        Encoding.UTF8.GetBytes(country, writer.Reserve(countryBytes));
        return SHA256.HashData(buffer);
    }

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

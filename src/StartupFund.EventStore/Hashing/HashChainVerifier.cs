using System.Text;
using Npgsql;
using StartupFund.EventStore.Schema;
using StartupFund.EventStore.Serialization;

namespace StartupFund.EventStore.Hashing;

/// <summary>
/// Recomputes every event's hash from the stored row and its predecessor's stored hash (for a first
/// event, the stream's identity: id, type, country), checks that versions run 1..N without gaps and
/// that each stream's recorded tip matches its last event. Reads in stream order and hashes a chunk
/// on the thread pool while the next chunk is read.
/// </summary>
public sealed class HashChainVerifier(NpgsqlDataSource dataSource, SchemaName schemaName)
{
    /// <summary>Stop listing breaks after this many streams; a report is for people.</summary>
    public const int MaxBreaksReported = 1_000;

    private const int ChunkSize = 8_192;

    public async Task<VerificationReport> VerifyAsync(VerificationScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var schema = schemaName.Quoted;
        var filter = scope.StreamId is not null ? "where s.id = $1" : scope.Country is not null ? "where s.country = $1" : "";
        await using var command = dataSource.CreateCommand($"""
            select s.id, s.version, s.head_hash, e.id, e.version, e.type, e.data::text, e.metadata::text, e.recorded_at, e.hash, s.type, s.country
            from {schema}.streams s left join {schema}.events e on e.stream_id = s.id
            {filter}
            order by s.id, e.version
            """);
        if ((scope.StreamId ?? scope.Country) is { } value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var checker = new ChainChecker();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var chunk = new List<Row>(ChunkSize);
        Task pending = Task.CompletedTask;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(Row.Read(reader));
            if (chunk.Count == ChunkSize)
            {
                await pending.ConfigureAwait(false);
                var full = chunk;
                pending = Task.Run(() => checker.Check(full), cancellationToken);
                chunk = new List<Row>(ChunkSize);
            }
        }

        await pending.ConfigureAwait(false);
        checker.Check(chunk);
        checker.Finish();
        if (scope.Country is null)
        {
            await foreach (var orphan in FindOrphansAsync(scope.StreamId, cancellationToken).ConfigureAwait(false))
            {
                checker.AddBreak(orphan);
            }
        }

        return checker.Report();
    }

    /// <summary>Events whose stream row is gone (there is no foreign key; see the migration).</summary>
    private async IAsyncEnumerable<ChainBreak> FindOrphansAsync(string? streamId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var schema = schemaName.Quoted;
        await using var command = dataSource.CreateCommand($"""
            select e.stream_id, min(e.version) from {schema}.events e
            where ($1::text is null or e.stream_id = $1)
              and not exists (select 1 from {schema}.streams s where s.id = e.stream_id)
            group by e.stream_id order by e.stream_id limit {MaxBreaksReported}
            """);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = streamId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ChainBreak(reader.GetString(0), reader.GetInt64(1), "events exist for a stream whose stream row is missing");
        }
    }

    /// <summary>One stream row joined with one of its events (event fields are null for a stream with no events).</summary>
    private sealed record Row(
        string StreamId, long StreamVersion, byte[] StreamHead, Guid? EventId, long? Version, string? Alias,
        string? Data, string? Metadata, DateTime? RecordedAt, byte[]? Hash, string StreamType, string? Country)
    {
        public static Row Read(NpgsqlDataReader reader) => new(
            reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2),
            reader.IsDBNull(3) ? null : reader.GetGuid(3),
            reader.IsDBNull(4) ? null : reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetDateTime(8),
            reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9),
            reader.GetString(10),
            reader.IsDBNull(11) ? null : reader.GetString(11));

        public byte[] Genesis => EventHash.GenesisOf(StreamId, StreamType, Country);

        public byte[] Recompute(byte[] previousHash) => EventHash.Compute(previousHash, EventId!.Value, StreamId, Version!.Value, Alias!,
            CanonicalJson.Canonicalize(Data!), CanonicalJson.Canonicalize(Metadata!),
            StoredInstant.ToUnixMicroseconds(StoredInstant.FromDateTime(RecordedAt!.Value)));
    }

    /// <summary>Walks rows in (stream, version) order, carrying each stream's state across chunks.</summary>
    private sealed class ChainChecker
    {
        private readonly List<ChainBreak> breaks = [];
        private long streams;
        private long events;
        private Row? current;              // last row of the stream being walked
        private long expectedVersion = 1;
        private byte[] previousHash = [];   // the last verified event's hash (a stream's genesis is its first event's predecessor, in Check)
        private bool currentBroken;

        public void Check(List<Row> rows)
        {
            // hashing is the expensive part and needs only each row's predecessor: do it in parallel
            var recomputed = new byte[rows.Count][];
            var predecessors = new byte[rows.Count][];
            for (var i = 0; i < rows.Count; i++)
            {
                var sameStreamAsPrevious = i > 0 ? rows[i - 1].StreamId == rows[i].StreamId
                    : current is not null && current.StreamId == rows[i].StreamId;
                var previousRow = i > 0 ? rows[i - 1] : current;
                predecessors[i] = sameStreamAsPrevious && previousRow!.Hash is not null ? previousRow.Hash : rows[i].Genesis;
            }

            Parallel.For(0, rows.Count, i =>
            {
                if (rows[i].Version is not null)
                {
                    recomputed[i] = TryRecompute(rows[i], predecessors[i]);
                }
            });

            for (var i = 0; i < rows.Count; i++)
            {
                Walk(rows[i], recomputed[i]);
            }
        }

        public void Finish() => EndStream();

        public VerificationReport Report() => new(streams, events, breaks);

        public void AddBreak(ChainBreak chainBreak)
        {
            if (breaks.Count < MaxBreaksReported)
            {
                breaks.Add(chainBreak);
            }
        }

        private static byte[] TryRecompute(Row row, byte[] previous)
        {
            try
            {
                return row.Recompute(previous);
            }
            catch (System.Text.Json.JsonException)
            {
                return [];   // unparsable stored JSON can only mean tampering; the comparison below fails
            }
        }

        private void Walk(Row row, byte[]? recomputedHash)
        {
            if (current is null || current.StreamId != row.StreamId)
            {
                EndStream();
                streams++;
                expectedVersion = 1;
                previousHash = [];
                currentBroken = false;
            }

            current = row;
            if (row.Version is not { } version)
            {
                return;
            }

            events++;
            if (currentBroken)
            {
                return;
            }

            if (version != expectedVersion)
            {
                Break(row.StreamId, expectedVersion, $"version {expectedVersion} is missing (next stored version is {version})");
                return;
            }

            if (!recomputedHash!.AsSpan().SequenceEqual(row.Hash))
            {
                Break(row.StreamId, version, version == 1 ? FirstEventMismatch(row) : "stored hash does not match the recomputed hash of the event's content and its predecessor");
                return;
            }

            previousHash = row.Hash!;
            expectedVersion++;
        }

        private static string FirstEventMismatch(Row row) =>
            TryRecompute(row, EventHash.LegacyGenesis.ToArray()).AsSpan().SequenceEqual(row.Hash)
                ? "the first event was hashed without the stream's identity (a store written before 2026-11-23): "
                  + "its type and country are not covered, and such a store must be re-created"
                : "stored hash does not match the recomputed hash of the event's content and the stream's identity (id, type, country)";

        private void EndStream()
        {
            if (current is null || currentBroken)
            {
                return;
            }

            var lastVersion = expectedVersion - 1;
            if (current.StreamVersion != lastVersion)
            {
                Break(current.StreamId, Math.Min(current.StreamVersion, lastVersion) + 1,
                    $"the stream records version {current.StreamVersion} but its events end at version {lastVersion}");
            }
            else if (lastVersion > 0 && !current.StreamHead.AsSpan().SequenceEqual(previousHash))
            {
                Break(current.StreamId, lastVersion, "the stream's recorded head hash differs from its last event's hash");
            }
        }

        private void Break(string streamId, long version, string reason)
        {
            currentBroken = true;
            if (breaks.Count < MaxBreaksReported)
            {
                breaks.Add(new ChainBreak(streamId, version, reason));
            }
        }
    }
}

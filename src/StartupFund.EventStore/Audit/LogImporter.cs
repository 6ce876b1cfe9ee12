using Npgsql;
using NpgsqlTypes;
using StartupFund.EventStore.Schema;

namespace StartupFund.EventStore.Audit;

/// <summary>
/// Loads an export file into an empty store, verifying every line as it goes, in one transaction:
/// a tampered or truncated file, or a store that is not empty, leaves the store exactly as it was.
/// Events keep their ids, versions, contents, timestamps and hashes and take new positions in the
/// file's order, so the imported log has the same digest.
/// </summary>
internal sealed class LogImporter(NpgsqlDataSource dataSource, SchemaName schemaName)
{
    public async Task<LogDigest> ImportAsync(TextReader file, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var schema = schemaName.Quoted;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockStreams = new NpgsqlCommand($"lock table {schema}.streams in exclusive mode", connection, transaction))
        {
            await lockStreams.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var count = new NpgsqlCommand($"select exists (select 1 from {schema}.streams)", connection, transaction))
        {
            if ((bool)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                throw new ImportRefusedException("the target store is not empty; import only into a freshly migrated schema.", []);
            }
        }

        var checker = new ExportChecker(trusted: null);
        ExportVerificationReport report;
        var streams = new Dictionary<string, ImportedStream>(StringComparer.Ordinal);
        var heads = new Dictionary<string, StreamHead>(StringComparer.Ordinal);
        await using (var events = await connection.BeginBinaryImportAsync(
            $"copy {schema}.events (id, stream_id, version, type, data, metadata, recorded_at, hash) from stdin (format binary)",
            cancellationToken).ConfigureAwait(false))
        {
            await foreach (var line in ExportFile.ReadAsync(file).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (checker.Accept(line) is { } e)
                {
                    await WriteEventAsync(events, e, cancellationToken).ConfigureAwait(false);
                    if (streams.TryGetValue(e.StreamId, out var stream))
                    {
                        stream.LastRecordedAt = e.RecordedAt;
                    }
                    else
                    {
                        streams[e.StreamId] = new ImportedStream(e.StreamType, e.Country, e.RecordedAt);
                    }

                    if (checker.Events % 10_000 == 0)
                    {
                        progress?.Report(checker.Events);
                    }
                }
                else if (line.Kind == "stream" && line.Error is null)
                {
                    var head = line.Json;
                    var id = ExportFile.RequiredString(head, "id");
                    heads[id] = new StreamHead(id, head.GetProperty("version").GetInt64(), ExportFile.RequiredString(head, "head"),
                        head.TryGetProperty("archived", out var archived) && archived.GetBoolean());
                }
            }

            report = checker.Finish();
            if (!report.IsClean)
            {
                throw new ImportRefusedException($"the file does not verify; first problem: {report.Breaks[0]}", report.Breaks);
            }

            if (checker.FormatVersion < ExportFile.FormatVersion)
            {
                throw new ImportRefusedException(
                    $"the file is format version {checker.FormatVersion} (exported before 2026-11-23): it verifies, but its streams are hashed "
                    + "without their identity, which this store no longer accepts. Keep it as an archive; it cannot be imported.", []);
            }

            await events.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var streamRows = await connection.BeginBinaryImportAsync(
            $"copy {schema}.streams (id, type, country, version, head_hash, created_at, updated_at, archived) from stdin (format binary)",
            cancellationToken).ConfigureAwait(false))
        {
            foreach (var (id, stream) in streams)
            {
                var head = heads[id];
                await streamRows.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await streamRows.WriteAsync(id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await streamRows.WriteAsync(stream.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                if (stream.Country is null)
                {
                    await streamRows.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await streamRows.WriteAsync(stream.Country, NpgsqlDbType.Char, cancellationToken).ConfigureAwait(false);
                }

                await streamRows.WriteAsync(head.Version, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await streamRows.WriteAsync(Convert.FromHexString(head.Hash), NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                await streamRows.WriteAsync(StoredInstant.ToDateTime(stream.FirstRecordedAt), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await streamRows.WriteAsync(StoredInstant.ToDateTime(stream.LastRecordedAt), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await streamRows.WriteAsync(head.Archived, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            }

            await streamRows.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(checker.Events);
        return report.Recomputed;
    }

    private static async Task WriteEventAsync(NpgsqlBinaryImporter events, ExportedEvent e, CancellationToken cancellationToken)
    {
        await events.StartRowAsync(cancellationToken).ConfigureAwait(false);
        await events.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
        await events.WriteAsync(e.StreamId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await events.WriteAsync(e.Version, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await events.WriteAsync(e.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await events.WriteAsync(e.Data.GetRawText(), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
        await events.WriteAsync(e.Metadata.GetRawText(), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
        await events.WriteAsync(StoredInstant.ToDateTime(e.RecordedAt), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
        await events.WriteAsync(HexOrEmpty(e.Hash), NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] HexOrEmpty(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return [];   // the checker reports it; the transaction is rolled back
        }
    }

    private sealed class ImportedStream(string type, string? country, NodaTime.Instant firstRecordedAt)
    {
        public string Type => type;

        public string? Country => country;

        public NodaTime.Instant FirstRecordedAt { get; } = firstRecordedAt;

        public NodaTime.Instant LastRecordedAt { get; set; } = firstRecordedAt;
    }
}

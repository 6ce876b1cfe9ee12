using Npgsql;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger.Projections;
using NodaTime;

namespace StartupFund.Ledger.Pipeline;

/// <summary>First responses by Idempotency-Key, written in the same transaction as the command's events.</summary>
internal sealed class IdempotencyStore(NpgsqlDataSource dataSource, SchemaName readSchema)
{
    public const string PrimaryKey = "idempotency_pkey";

    private readonly string s = readSchema.Quoted;

    public async Task<StoredResponse?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select fingerprint, status, body, location, version from {s}.idempotency where key = $1");
        command.Parameters.Add(ProjectionSql.Text(key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StoredResponse(reader.GetFieldValue<byte[]>(0), reader.GetInt32(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4));
    }

    /// <summary>The insert of a first response, to be sent with the command's events.</summary>
    public NpgsqlBatchCommand Insert(string key, byte[] fingerprint, CommandOutcome outcome, Instant at) =>
        new($"insert into {s}.idempotency (key, fingerprint, status, body, location, version, created_at) values ($1, $2, $3, $4, $5, $6, $7)")
        {
            Parameters =
            {
                ProjectionSql.Text(key),
                new NpgsqlParameter { Value = fingerprint },
                ProjectionSql.Int(outcome.Status),
                ProjectionSql.Text(outcome.Body),
                ProjectionSql.Text(outcome.Location),
                ProjectionSql.Long(outcome.Version),
                ProjectionSql.Time(at),
            },
        };
}

internal sealed record StoredResponse(byte[] Fingerprint, int Status, string Body, string? Location, long Version)
{
    public CommandOutcome ReplayFor(byte[] fingerprint) =>
        Fingerprint.AsSpan().SequenceEqual(fingerprint)
            ? new CommandOutcome(Status, Body, Version, Location, Replayed: true)
            : throw new IdempotencyKeyReusedException();
}

using Npgsql;
using StartupFund.EventStore.Schema;

namespace StartupFund.EventStore.Projections;

/// <summary>
/// A session-level advisory lock per projection: whoever holds it is the one runner (or rebuild)
/// of that projection. It is released when the session ends, including when its process dies.
/// </summary>
internal static class ProjectionLock
{
    public static async Task<bool> TryTakeAsync(NpgsqlConnection connection, SchemaName schema, string projection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended($1, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"startupfund.projection:{schema.Value}:{projection}" });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Gives the lock back before the connection returns to the pool: a pooled session would
    /// otherwise keep holding it while idle, and no other runner could take over.
    /// </summary>
    public static async Task ReleaseAsync(NpgsqlConnection connection, SchemaName schema, string projection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;   // a broken session released it when it ended
        }

        await using var command = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended($1, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"startupfund.projection:{schema.Value}:{projection}" });
        await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public static async Task<LogCursor> ReadCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SchemaName schema, string projection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select tx_id, position from {schema.Quoted}.projection_checkpoints where name = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LogCursor(reader.GetFieldValue<ulong>(0), reader.GetInt64(1))
            : LogCursor.Start;
    }

    public static async Task SaveCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaName schema, string projection, LogCursor cursor, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            insert into {schema.Quoted}.projection_checkpoints (name, tx_id, position, updated_at) values ($1, $2, $3, now())
            on conflict (name) do update set tx_id = excluded.tx_id, position = excluded.position, updated_at = excluded.updated_at
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid8, Value = cursor.TxId });
        command.Parameters.Add(new NpgsqlParameter { Value = cursor.Position });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 100 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"Projection name '{name}' must be 1-100 lower-case letters, digits, '_' or '-'.", nameof(name));
        }
    }
}

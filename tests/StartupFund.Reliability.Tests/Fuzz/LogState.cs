using Npgsql;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>How far the log has come: events, the last position and idempotency records, read from the database itself.</summary>
public sealed record LogState(long Events, long LastPosition, long IdempotencyRecords)
{
    public static async Task<LogState> ReadAsync(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "select (select count(*) from eventstore.events), (select coalesce(max(position), 0) from eventstore.events), (select count(*) from ledger.idempotency)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new LogState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}

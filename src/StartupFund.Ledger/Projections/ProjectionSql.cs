using Npgsql;
using NpgsqlTypes;
using NodaTime;
using StartupFund.EventStore;

namespace StartupFund.Ledger.Projections;

internal static class ProjectionSql
{
    public static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Long(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value };

    public static NpgsqlParameter Int(int value) => new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = value };

    public static NpgsqlParameter Jsonb(string value) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = value };

    public static NpgsqlParameter Date(LocalDate? value) => new()
    {
        NpgsqlDbType = NpgsqlDbType.Date,
        Value = value is { } date ? date.ToDateOnly() : DBNull.Value,
    };

    public static NpgsqlParameter Time(Instant? value) => new()
    {
        NpgsqlDbType = NpgsqlDbType.TimestampTz,
        Value = value is { } instant ? instant.ToDateTimeUtc() : DBNull.Value,
    };

    /// <summary>Events of one append grouped by stream, in version order.</summary>
    public static IEnumerable<IGrouping<string, RecordedEvent>> ByStream(IReadOnlyList<RecordedEvent> events) =>
        events.OrderBy(e => e.StreamId, StringComparer.Ordinal).ThenBy(e => e.Version).GroupBy(e => e.StreamId, StringComparer.Ordinal);
}

using NodaTime;

namespace StartupFund.EventStore;

/// <summary>PostgreSQL keeps microseconds; instants are cut to that before they are hashed or stored.</summary>
internal static class StoredInstant
{
    private const long TicksPerMicrosecond = 10;

    public static Instant Truncate(Instant instant) =>
        Instant.FromUnixTimeTicks(FloorDiv(instant.ToUnixTimeTicks()) * TicksPerMicrosecond);

    public static long ToUnixMicroseconds(Instant instant) => FloorDiv(instant.ToUnixTimeTicks());

    public static DateTime ToDateTime(Instant instant) => Truncate(instant).ToDateTimeUtc();

    public static Instant FromDateTime(DateTime value) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static long FloorDiv(long ticks) => ticks >= 0 ? ticks / TicksPerMicrosecond : -((-ticks + TicksPerMicrosecond - 1) / TicksPerMicrosecond);
}

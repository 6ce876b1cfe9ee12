using NodaTime;

namespace StartupFund.EventStore.Tests;

public sealed class EventIdTests
{
    [Fact]
    public void Event_ids_are_distinct_version_7_uuids_carrying_the_append_time()
    {
        var now = Instant.FromUtc(2026, 3, 31, 12, 0, 0);

        var ids = EventIds.NewBatch(1_000, now);

        ids.Distinct().Count().ShouldBe(1_000);
        ids.ShouldAllBe(id => id.Version == 7 && (id.Variant & 0b1100) == 0b1000);
        var bytes = ids[0].ToByteArray(bigEndian: true);
        var milliseconds = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
        milliseconds.ShouldBe(now.ToUnixTimeMilliseconds());
    }
}

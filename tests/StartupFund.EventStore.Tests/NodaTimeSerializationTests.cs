using System.Text.Json;
using NodaTime;

namespace StartupFund.EventStore.Tests;

public sealed class NodaTimeSerializationTests
{
    private sealed record Dated(Instant At, LocalDate On, Duration Lasting);

    [Fact]
    public void NodaTime_values_round_trip_as_ISO_8601_strings()
    {
        var options = EventStoreOptions.DefaultJson();
        var value = new Dated(Instant.FromUtc(2026, 3, 31, 23, 59, 59).PlusNanoseconds(123_456_789), new LocalDate(2026, 2, 28), Duration.FromHours(36));

        var json = JsonSerializer.Serialize(value, options);

        json.ShouldBe("""{"at":"2026-03-31T23:59:59.123456789Z","on":"2026-02-28","lasting":"1:12:00:00"}""");
        JsonSerializer.Deserialize<Dated>(json, options).ShouldBe(value);
    }

    [Fact]
    public void A_malformed_date_is_a_json_error_naming_the_value() =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Dated>("""{"at":"yesterday","on":"2026-02-30","lasting":"0:00:00:00"}""", EventStoreOptions.DefaultJson()))
            .Message.ShouldContain("yesterday");
}

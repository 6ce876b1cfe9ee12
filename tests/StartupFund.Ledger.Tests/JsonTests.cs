using System.Text.Json;
using StartupFund.Domain.Values;
using StartupFund.Ledger.Json;

namespace StartupFund.Ledger.Tests;

public sealed class JsonTests
{
    [Theory]
    [InlineData(125_000_000L, "EUR", "{\"amount\":\"1250000.00\",\"currency\":\"EUR\"}")]
    [InlineData(500L, "JPY", "{\"amount\":\"500\",\"currency\":\"JPY\"}")]
    [InlineData(1_250L, "KWD", "{\"amount\":\"1.250\",\"currency\":\"KWD\"}")]
    [InlineData(-5L, "EUR", "{\"amount\":\"-0.05\",\"currency\":\"EUR\"}")]
    public void Money_travels_as_a_decimal_string_with_its_currency(long minor, string currency, string json)
    {
        var money = new Money(minor, new Currency(currency));

        JsonSerializer.Serialize(money, LedgerJson.Api).ShouldBe(json);
        JsonSerializer.Deserialize<Money>(json, LedgerJson.Api).ShouldBe(money);
    }

    [Theory]
    [InlineData("{\"amount\":1.5,\"currency\":\"EUR\"}")]
    [InlineData("{\"amount\":\"1.005\",\"currency\":\"EUR\"}")]
    [InlineData("{\"amount\":\"1\",\"currency\":\"XXQ\"}")]
    [InlineData("{\"amount\":\"1\"}")]
    [InlineData("{\"amount\":\"1\",\"currency\":\"EUR\",\"extra\":\"x\"}")]
    [InlineData("\"1.00 EUR\"")]
    public void Anything_but_an_exact_amount_is_refused_never_rounded(string json) =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Money>(json, LedgerJson.Api));

    [Fact]
    public void Stored_events_keep_the_store_shape_of_minor_units()
    {
        var json = JsonSerializer.Serialize(new Money(1_00, Currency.Eur), LedgerJson.Storage);

        json.ShouldContain("\"minorUnits\":100");
    }
}

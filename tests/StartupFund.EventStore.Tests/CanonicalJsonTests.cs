using System.Text;
using StartupFund.EventStore.Serialization;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

public sealed class CanonicalJsonTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("1.50", "1.5")]
    [InlineData("1.5e2", "150")]
    [InlineData("15E-1", "1.5")]
    [InlineData("0.00012", "0.00012")]
    [InlineData("1.2e-3", "0.0012")]
    [InlineData("-120", "-120")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("123456789012345678901234567890.000", "123456789012345678901234567890")]
    public void Numbers_are_written_as_their_exact_decimal_value(string raw, string canonical) =>
        CanonicalJson.CanonicalNumber(raw).ShouldBe(canonical);

    [Fact]
    public void Keys_are_sorted_white_space_dropped_and_a_repeated_key_keeps_its_last_value()
    {
        var canonical = Encoding.UTF8.GetString(CanonicalJson.Canonicalize("""{ "b": [1, 2.0, {"z": null, "a": true}], "a": "x", "b2": false, "a": "y" }"""));

        canonical.ShouldBe("""{"a":"y","b":[1,2,{"a":true,"z":null}],"b2":false}""");
    }

    [Fact]
    public void A_huge_exponent_is_refused_rather_than_expanded() =>
        Should.Throw<System.Text.Json.JsonException>(() => CanonicalJson.Canonicalize("1e100000"));

    [Theory]
    [InlineData("""{"amount": 1.50, "n": 1e2, "x": -0.0}""")]
    [InlineData("""{"text": "line\nbreak \"q\" \\ \u0007 tab\t é 名 🚀", "empty": ""}""")]
    [InlineData("""{"nested": {"b": [], "a": {}}, "list": [3, 2, 1], "big": 12345678901234567890123}""")]
    [InlineData("""{"aa": 1, "b": 2, "a": 3, "ä": 4, "Z": 5}""")]
    public async Task PostgreSQL_jsonb_output_has_the_same_canonical_form_as_the_input(string json)
    {
        await using var command = database.DataSource.CreateCommand("select $1::jsonb::text");
        command.Parameters.Add(new() { Value = json });
        var roundTripped = (string)(await command.ExecuteScalarAsync())!;

        CanonicalJson.Canonicalize(roundTripped).ShouldBe(CanonicalJson.Canonicalize(json));
    }
}

using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Tests.Values;

public class CurrencyAndCountryTests
{
    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("EUR", 2)]
    [InlineData("GBP", 2)]
    [InlineData("SGD", 2)]
    [InlineData("ILS", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("TND", 3)]
    [InlineData("CLF", 4)]
    [InlineData("UYW", 4)]
    [InlineData("XCG", 2)]
    [InlineData("ZWG", 2)]
    public void Knows_the_exponent_of_active_currencies(string code, int exponent) =>
        new Currency(code).Exponent.ShouldBe(exponent);

    [Fact]
    public void Holds_every_active_ISO_4217_code_and_no_withdrawn_one()
    {
        Currency.AllCodes.Count.ShouldBe(179);
        Currency.AllCodes.ShouldAllBe(code => code.Length == 3 && code.All(char.IsAsciiLetterUpper));
        foreach (var withdrawn in new[] { "HRK", "SLL", "ZWL", "ANG", "DEM", "VEF" })
        {
            Currency.IsActive(withdrawn).ShouldBeFalse(withdrawn);
        }
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_currency_codes_are_refused(string? code) =>
        ((Action)(() => _ = new Currency(code!))).ShouldBeRefusedWith(ErrorCodes.CurrencyUnknown);

    [Fact]
    public void Holds_all_249_assigned_ISO_3166_alpha_2_codes()
    {
        CountryCode.AllCodes.Count.ShouldBe(249);
        foreach (var code in new[] { "GB", "IL", "SG", "DE", "FR", "KE", "NG", "IN", "BR", "AQ", "SS", "ZA" })
        {
            new CountryCode(code).Value.ShouldBe(code);
        }
    }

    [Theory]
    [InlineData("UK")]
    [InlineData("gb")]
    [InlineData("GBR")]
    [InlineData("XX")]
    [InlineData("")]
    public void Unassigned_country_codes_are_refused(string code) =>
        ((Action)(() => _ = new CountryCode(code))).ShouldBeRefusedWith(ErrorCodes.CountryUnknown);

    [Fact]
    public void A_code_in_small_letters_is_told_to_use_capitals() =>
        Should.Throw<DomainException>(() => _ = new CountryCode("ke")).Message.ShouldContain("codes are in capitals, 'KE'");
}

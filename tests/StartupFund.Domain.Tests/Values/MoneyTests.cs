using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Tests.Values;

public class MoneyTests
{
    [Theory]
    [InlineData("1250000.00", "EUR", 125_000_000L)]
    [InlineData("1250000", "EUR", 125_000_000L)]
    [InlineData("12.5", "EUR", 1_250L)]
    [InlineData("0.01", "EUR", 1L)]
    [InlineData("500", "JPY", 500L)]
    [InlineData("1.250", "KWD", 1_250L)]
    [InlineData("1.2345", "CLF", 12_345L)]
    [InlineData("0", "USD", 0L)]
    public void Parses_exact_decimal_strings_into_minor_units(string text, string currency, long minor) =>
        Money.Parse(text, currency).MinorUnits.ShouldBe(minor);

    [Theory]
    [InlineData(125_000_000L, "EUR", "1250000.00")]
    [InlineData(5L, "EUR", "0.05")]
    [InlineData(0L, "EUR", "0.00")]
    [InlineData(-150L, "EUR", "-1.50")]
    [InlineData(500L, "JPY", "500")]
    [InlineData(1_250L, "KWD", "1.250")]
    [InlineData(long.MinValue, "EUR", "-92233720368547758.08")]
    public void Formats_with_exactly_the_currency_decimals(long minor, string currency, string text) =>
        new Money(minor, new Currency(currency)).ToDecimalString().ShouldBe(text);

    [Theory]
    [InlineData("1.001", "EUR")]
    [InlineData("1.00", "JPY")]
    [InlineData("1.0", "JPY")]
    [InlineData("0.0001", "KWD")]
    public void Too_many_decimals_is_refused_never_rounded(string text, string currency) =>
        ((Action)(() => Money.Parse(text, currency))).ShouldBeRefusedWith(ErrorCodes.MoneyTooManyDecimals);

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1,000.00")]
    [InlineData("1e6")]
    [InlineData(" 1.00")]
    [InlineData("+1.00")]
    [InlineData(".50")]
    [InlineData("1.")]
    [InlineData("--1")]
    [InlineData("1.-5")]
    public void Malformed_amounts_are_refused(string text) =>
        ((Action)(() => Money.Parse(text, "EUR"))).ShouldBeRefusedWith(ErrorCodes.MoneyInvalidFormat);

    [Fact]
    public void Amounts_beyond_64_bit_minor_units_overflow() =>
        ((Action)(() => Money.Parse("92233720368547758.08", "EUR"))).ShouldBeRefusedWith(ErrorCodes.MoneyOverflow);

    [Fact]
    public void Negative_amounts_are_refused_unless_allowed()
    {
        ((Action)(() => Money.Parse("-1.00", "EUR"))).ShouldBeRefusedWith(ErrorCodes.MoneyNegative);
        Money.Parse("-1.00", "EUR", allowNegative: true).MinorUnits.ShouldBe(-100);
    }

    [Fact]
    public void Money_always_has_a_currency() =>
        ((Action)(() => _ = new Money(1, default))).ShouldBeRefusedWith(ErrorCodes.CurrencyUnknown);

    [Fact]
    public void Unknown_currency_is_refused() =>
        ((Action)(() => Money.Parse("1.00", "XYZ"))).ShouldBeRefusedWith(ErrorCodes.CurrencyUnknown);

    [Fact]
    public void Arithmetic_is_exact_and_checked()
    {
        (Money.Parse("0.10", "EUR") + Money.Parse("0.20", "EUR")).ShouldBe(Money.Parse("0.30", "EUR"));
        (Money.Parse("1.00", "EUR") - Money.Parse("2.50", "EUR")).ToDecimalString().ShouldBe("-1.50");
        var max = new Money(long.MaxValue, Currency.Eur);
        ((Action)(() => _ = max + new Money(1, Currency.Eur))).ShouldBeRefusedWith(ErrorCodes.MoneyOverflow);
        var min = new Money(long.MinValue, Currency.Eur);
        ((Action)(() => _ = min - new Money(1, Currency.Eur))).ShouldBeRefusedWith(ErrorCodes.MoneyOverflow);
    }

    [Fact]
    public void Mixing_currencies_is_an_error_never_a_conversion()
    {
        var euros = Money.Parse("1.00", "EUR");
        var pounds = Money.Parse("1.00", "GBP");
        ((Action)(() => _ = euros + pounds)).ShouldBeRefusedWith(ErrorCodes.MoneyCurrencyMismatch);
        ((Action)(() => _ = euros - pounds)).ShouldBeRefusedWith(ErrorCodes.MoneyCurrencyMismatch);
        ((Action)(() => _ = euros < pounds)).ShouldBeRefusedWith(ErrorCodes.MoneyCurrencyMismatch);
        ((Action)(() => euros.RequireCurrency(Currency.Gbp, "Amount"))).ShouldBeRefusedWith(ErrorCodes.MoneyCurrencyMismatch);
    }

    [Fact]
    public void Require_positive_refuses_zero_negative_and_amounts_over_the_limit()
    {
        ((Action)(() => Money.Zero(Currency.Eur).RequirePositive("Amount"))).ShouldBeRefusedWith(ErrorCodes.MoneyNotPositive);
        ((Action)(() => new Money(-1, Currency.Eur).RequirePositive("Amount"))).ShouldBeRefusedWith(ErrorCodes.MoneyNotPositive);
        ((Action)(() => new Money(Limits.AmountMaxMinor + 1, Currency.Eur).RequirePositive("Amount")))
            .ShouldBeRefusedWith(ErrorCodes.MoneyAmountTooLarge);
        new Money(Limits.AmountMaxMinor, Currency.Eur).RequirePositive("Amount").MinorUnits.ShouldBe(Limits.AmountMaxMinor);
    }

    [Fact]
    public void Parse_and_format_round_trip_for_every_active_currency()
    {
        foreach (var code in Currency.AllCodes)
        {
            var currency = new Currency(code);
            var money = new Money(123_456_789, currency);
            Money.Parse(money.ToDecimalString(), currency).ShouldBe(money);
        }
    }
}

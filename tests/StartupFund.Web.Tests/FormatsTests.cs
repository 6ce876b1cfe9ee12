using System.Globalization;
using NodaTime;
using StartupFund.Domain.Values;
using StartupFund.Web.Formatting;

namespace StartupFund.Web.Tests;

public sealed class FormatsTests
{
    [Theory]
    [InlineData("en", 123_456_789L, "EUR", "1,234,567.89 EUR")]
    [InlineData("en", 123_456_789L, "KWD", "123,456.789 KWD")]
    [InlineData("en", 123_456_789L, "JPY", "123,456,789 JPY")]
    [InlineData("fr", 123_456_789L, "EUR", "1 234 567,89 EUR")]
    [InlineData("fr", 123_456_789L, "KWD", "123 456,789 KWD")]
    [InlineData("fr", 123_456_789L, "JPY", "123 456 789 JPY")]
    [InlineData("en", 5L, "KWD", "0.005 KWD")]
    public void Money_keeps_the_currencys_own_minor_units_in_the_users_culture(string culture, long minor, string currency, string expected)
    {
        using var _ = new CultureScope(culture);
        // French groups digits with a narrow no-break space; compare with plain spaces.
        Normalise(Formats.Money(new Money(minor, new Currency(currency)))).ShouldBe(expected);
    }

    [Theory]
    [InlineData("en", "1,000,000.50", "1000000.50")]
    [InlineData("en", " 250000 ", "250000")]
    [InlineData("en", "1,000", "1000")]
    [InlineData("fr", "250 000,50", "250000.50")]
    [InlineData("fr", "250\u202F000,50", "250000.50")]
    [InlineData("fr", "250000.50", "250000.50")]
    [InlineData("fr", "1,000", "1.000")]
    [InlineData("en", "-1,000", "-1000")]
    // A comma that does not group thousands on an English page is a decimal comma typed by habit: sent as typed,
    // for the API to refuse, never read as a number a hundred times larger.
    [InlineData("en", "50000,50", "50000,50")]
    [InlineData("en", "250 000,00", "250000,00")]
    [InlineData("en", "1,00", "1,00")]
    [InlineData("en", "1,0000", "1,0000")]
    [InlineData("en", "10000,000.00", "10000,000.00")]
    [InlineData("en", "1,000.000,5", "1,000.000,5")]
    [InlineData("en", "abc", "abc")]
    [InlineData("fr", "-5", "-5")]
    public void A_typed_amount_becomes_the_apis_form_by_the_pages_own_culture(string culture, string typed, string sent)
    {
        using var _ = new CultureScope(culture);
        TypedAmount.Normalize(typed).ShouldBe(sent);
    }

    [Fact]
    public void Dates_name_their_month_and_instants_are_shown_in_utc_to_the_second_and_say_so()
    {
        var instant = Instant.FromUtc(2026, 3, 31, 23, 59, 59);
        using (new CultureScope("en"))
        {
            Normalise(Formats.Instant(instant)).ShouldBe("31 March 2026 23:59:59 UTC");
            Formats.Date(new LocalDate(2026, 4, 3)).ShouldBe("3 April 2026");
            Formats.Date(new LocalDate(2027, 1, 1)).ShouldBe("1 January 2027");
        }

        using (new CultureScope("fr"))
        {
            Normalise(Formats.Instant(instant)).ShouldBe("31 mars 2026 23:59:59 UTC");
            Formats.Date(new LocalDate(2026, 4, 3)).ShouldBe("3 avril 2026");
            Formats.Date(new LocalDate(2027, 1, 1)).ShouldBe("1er janvier 2027");
            Normalise(Formats.Instant(Instant.FromUtc(2026, 5, 1, 8, 0))).ShouldBe("1er mai 2026 08:00:00 UTC");
        }
    }

    private static string Normalise(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo previous = CultureInfo.CurrentCulture;

        public CultureScope(string name) => CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentCulture = previous;
    }
}

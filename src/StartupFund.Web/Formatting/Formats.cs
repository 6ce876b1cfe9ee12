using System.Globalization;
using NodaTime;
using NodaTime.Text;
using StartupFund.Domain.Values;

namespace StartupFund.Web.Formatting;

/// <summary>
/// Numbers, money and dates in the current culture. Money keeps its currency's own minor units
/// (KWD 3 decimals, EUR 2, JPY none) whatever the culture's usual currency decimals are.
/// </summary>
public static class Formats
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public static string Money(Money money) => $"{Amount(money)} {money.Currency.Code}";

    public static string Money(Money? money) => money is { } m ? Money(m) : "–";

    /// <summary>The amount alone, grouped as the culture groups numbers, with exactly the currency's decimals.</summary>
    public static string Amount(Money money)
    {
        var exponent = money.Currency.Exponent;
        var value = money.MinorUnits / Pow10(exponent);
        return value.ToString("N" + exponent.ToString(CultureInfo.InvariantCulture), Culture);
    }

    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>
    /// Day, month name, year ("31 March 2026", "31 mars 2026"): the same order for every reader, whom a
    /// numeric 3/4/2026 would leave guessing (the app's English is not only America's). French writes the
    /// first of the month as an ordinal: "1er janvier 2027".
    /// </summary>
    public static string Date(LocalDate date) => DayOf(date) + date.ToString(" MMMM yyyy", Culture);

    public static string Date(LocalDate? date) => date is { } d ? Date(d) : "–";

    /// <summary>An instant in UTC to the second, the date as <see cref="Date(LocalDate)"/>, marked UTC so nobody reads it as local time.</summary>
    public static string Instant(Instant instant)
    {
        var local = instant.InUtc().LocalDateTime;
        return DayOf(local.Date) + local.ToString(" MMMM yyyy HH:mm:ss", Culture) + " UTC";
    }

    /// <summary>An instant as the API takes it in a query (ISO-8601 UTC).</summary>
    public static string IsoInstant(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>A percentage of <paramref name="part"/> in <paramref name="whole"/>, 0 when the whole is 0.</summary>
    public static string Percent(long part, long whole) =>
        whole == 0 ? 0.ToString("P0", Culture) : ((decimal)part / whole).ToString("P0", Culture);

    private static string DayOf(LocalDate date) =>
        date.Day == 1 && Culture.TwoLetterISOLanguageName == "fr" ? "1er" : date.Day.ToString(CultureInfo.InvariantCulture);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}

using System.Globalization;
using NodaTime;
using NodaTime.Text;
using StartupFund.Web.Api;

namespace StartupFund.Web.Components.Pages.Manager;

/// <summary>
/// The "as of" picker's date and time (UTC) as the instant the API's <c>asOf</c> takes. A date alone
/// means the end of that day; an instant later than now is taken as now, so "today" simply works.
/// </summary>
public sealed record AsOfQuery(Instant? Instant, ApiProblem? Problem)
{
    public const string InvalidCode = "asof.invalid";

    public static AsOfQuery Parse(string? date, string? time, Instant now)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return new AsOfQuery(null, null);
        }

        var day = LocalDatePattern.Iso.Parse(date.Trim());
        var clock = string.IsNullOrWhiteSpace(time)
            ? ParseResult<LocalTime>.ForValue(new LocalTime(23, 59, 59))
            : LocalTimePattern.CreateWithInvariantCulture(time.Trim().Length == 5 ? "HH:mm" : "HH:mm:ss").Parse(time.Trim());
        if (!day.Success || !clock.Success || date.Length > 10)
        {
            return new AsOfQuery(null, new ApiProblem(400, InvalidCode, "Pick a date (and optionally a time) to show the figures of.",
                [new ApiFieldError("date", InvalidCode, "Pick a date (and optionally a time) to show the figures of.")]));
        }

        var instant = day.Value.At(clock.Value).InUtc().ToInstant();
        return new AsOfQuery(instant > now ? now : instant, null);
    }

    /// <summary>The picker's values for an instant (to fill the form back in).</summary>
    public static (string Date, string Time) Fields(Instant instant)
    {
        var utc = instant.InUtc();
        return (WebPage.DateField(utc.Date), utc.TimeOfDay.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
    }
}

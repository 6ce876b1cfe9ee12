using System.Globalization;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>
/// Business dates for requests to an API that runs on the real clock: a tranche may not fall due before
/// its approval nor money move before it, so dates are counted from today rather than written as fixed dates that age.
/// </summary>
public static class Dates
{
    public static string InDays(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

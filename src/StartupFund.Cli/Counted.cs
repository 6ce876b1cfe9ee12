using System.Globalization;

namespace StartupFund.Cli;

/// <summary>A count with its noun, singular for one: "1 event", "1,204 events".</summary>
internal static class Counted
{
    public static string Of(long count, string noun, string? plural = null) =>
        count.ToString("N0", CultureInfo.CurrentCulture) + " " + (count == 1 ? noun : plural ?? noun + "s");
}

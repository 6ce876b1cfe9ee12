using System.Globalization;
using StartupFund.EventStore;
using StartupFund.EventStore.Audit;

namespace StartupFund.Cli;

/// <summary>Parses a digest as the CLI prints it: "EVENTS:SHA256".</summary>
internal static class TrustedDigest
{
    public static bool TryParse(string text, out LogDigest digest, out string error)
    {
        digest = new LogDigest(0, LogCursor.Start, "");
        var parts = text.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var events)
            || parts[1].Length != 64 || !parts[1].All(Uri.IsHexDigit))
        {
            error = $"'{text}' is not a digest; expected EVENTS:SHA256 as 'digest' or 'export' print it, e.g. 1200:3f5a...";
            return false;
        }

        digest = new LogDigest(events, LogCursor.Start, parts[1].ToLowerInvariant());
        error = "";
        return true;
    }
}

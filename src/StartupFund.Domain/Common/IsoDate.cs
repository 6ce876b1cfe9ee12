using NodaTime;
using NodaTime.Text;

namespace StartupFund.Domain.Common;

/// <summary>A business date as a request writes it: an ISO-8601 calendar date such as 2026-03-31, and nothing longer.</summary>
public static class IsoDate
{
    public static bool TryParse(string? text, out LocalDate date)
    {
        var parsed = text is { Length: <= 10 } ? LocalDatePattern.Iso.Parse(text) : null;
        date = parsed is { Success: true } ? parsed.Value : default;
        return parsed is { Success: true };
    }

    /// <summary>The refusal's words for <paramref name="field"/> (code <see cref="ErrorCodes.DateInvalid"/>).</summary>
    public static string Invalid(string field) => $"{field} must be an ISO-8601 date like 2026-03-31.";
}

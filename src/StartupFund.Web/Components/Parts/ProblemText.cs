using Microsoft.Extensions.Localization;
using StartupFund.Web.Api;
using StartupFund.Web.Localization;

namespace StartupFund.Web.Components.Parts;

/// <summary>
/// The user's-language sentence for an API code, or the API's own message when we have no translation. A
/// sentence about a date rule names the day it counts from: its " ({0})" is the last ISO date of the API's
/// message (the approval's day, say), and is left out when there is none.
/// </summary>
public static partial class ProblemText
{
    public static string Of(IStringLocalizer<Text> localizer, string code, string apiMessage)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var text = localizer["error." + code];
        return text.ResourceNotFound ? apiMessage : WithDay(text.Value, apiMessage);
    }

    private static string WithDay(string text, string? apiMessage) =>
        IsoDay().Matches(apiMessage ?? string.Empty) is { Count: > 0 } days
            ? text.Replace("{0}", days[^1].Value, StringComparison.Ordinal)
            : text.Replace(" ({0})", string.Empty, StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial System.Text.RegularExpressions.Regex IsoDay();

    /// <summary>
    /// The sentence for a code that came in an address (<c>?error=</c>), or null: a link can name one of
    /// our codes, never put its own words on the page.
    /// </summary>
    public static string? Known(IStringLocalizer<Text> localizer, string? code)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (code is not { Length: > 0 and <= 100 })
        {
            return null;
        }

        var text = localizer["error." + code];
        return text.ResourceNotFound ? null : WithDay(text.Value, null);
    }

    public static string Of(IStringLocalizer<Text> localizer, ApiProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Of(localizer, problem.Code, problem.Message);
    }

    public static string Of(IStringLocalizer<Text> localizer, ApiFieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Of(localizer, error.Code, error.Message);
    }
}

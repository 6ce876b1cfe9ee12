using Microsoft.Extensions.Localization;
using StartupFund.Web.Api;
using StartupFund.Web.Localization;

namespace StartupFund.Web.Components.Parts;

/// <summary>The user's-language sentence for an API code, or the API's own message when we have no translation.</summary>
public static class ProblemText
{
    public static string Of(IStringLocalizer<Text> localizer, string code, string apiMessage)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var text = localizer["error." + code];
        return text.ResourceNotFound ? apiMessage : text.Value;
    }

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
        return text.ResourceNotFound ? null : text.Value;
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

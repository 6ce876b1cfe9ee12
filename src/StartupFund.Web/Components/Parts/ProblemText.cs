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

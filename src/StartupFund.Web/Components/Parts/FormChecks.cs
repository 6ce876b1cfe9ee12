using NodaTime.Text;
using StartupFund.Web.Api;

namespace StartupFund.Web.Components.Parts;

/// <summary>
/// Checks a form makes before it sends anything, for a field that only a later command of the form
/// would check: refused here, the earlier commands are not sent either. Each check is the API's own
/// rule with the API's own code, so the refusal reads as the API's would.
/// </summary>
public static class FormChecks
{
    /// <summary>The API's date rule (<c>date.invalid</c>): an ISO-8601 date such as 2026-03-31.</summary>
    public static ApiProblem? Date(string field, string? value)
    {
        if (value is { Length: <= 10 } && LocalDatePattern.Iso.Parse(value).Success)
        {
            return null;
        }

        var message = $"{field} must be an ISO-8601 date like 2026-03-31.";
        return new ApiProblem(400, "date.invalid", message, [new ApiFieldError(field, "date.invalid", message)]);
    }
}

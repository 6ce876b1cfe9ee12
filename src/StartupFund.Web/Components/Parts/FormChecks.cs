using StartupFund.Domain.Common;
using StartupFund.Web.Api;

namespace StartupFund.Web.Components.Parts;

/// <summary>
/// Checks a form makes before it sends anything, for a field that only a later command of the form
/// would check: refused here, the earlier commands are not sent either. Each check is the API's own
/// rule with the API's own code, so the refusal reads as the API's would.
/// </summary>
public static class FormChecks
{
    /// <summary>The API's date rule (<see cref="IsoDate"/>, <c>date.invalid</c>): an ISO-8601 date such as 2026-03-31.</summary>
    public static ApiProblem? Date(string field, string? value)
    {
        if (IsoDate.TryParse(value, out _))
        {
            return null;
        }

        var message = IsoDate.Invalid(field);
        return new ApiProblem(400, ErrorCodes.DateInvalid, message, [new ApiFieldError(field, ErrorCodes.DateInvalid, message)]);
    }
}

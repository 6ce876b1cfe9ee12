using StartupFund.Domain.Common;
using StartupFund.Web.Api;

namespace StartupFund.Web.Components.Parts;

/// <summary>
/// Checks a form makes before it sends anything: for a field that only a later command of the form
/// would check (refused here, the earlier commands are not sent either; the API's own rule and code,
/// so the refusal reads as the API's would), and the web app's own confirmation of a final step.
/// </summary>
public static class FormChecks
{
    public const string ConfirmField = "confirm";

    public const string ConfirmedValue = "yes";

    /// <summary>The web app's own code for a step sent without its confirmation box ticked (<see cref="ConfirmField"/>).</summary>
    public const string ConfirmRequired = "form.confirm_required";

    /// <summary>A step that cannot be undone is sent only with its box ticked; nothing is sent otherwise.</summary>
    public static ApiProblem? Confirmed(string? value)
    {
        if (value == ConfirmedValue)
        {
            return null;
        }

        const string message = "Tick the box to confirm: this step cannot be undone.";
        return new ApiProblem(400, ConfirmRequired, message, [new ApiFieldError(ConfirmField, ConfirmRequired, message)]);
    }

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

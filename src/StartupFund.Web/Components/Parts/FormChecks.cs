using StartupFund.Web.Api;

namespace StartupFund.Web.Components.Parts;

/// <summary>Checks a form makes before it sends anything: the web app's own confirmation of a final step, and of a list's choice.</summary>
public static class FormChecks
{
    public const string ConfirmField = "confirm";

    public const string ConfirmedValue = "yes";

    /// <summary>The web app's own code for a step sent without its confirmation box ticked (<see cref="ConfirmField"/>).</summary>
    public const string ConfirmRequired = "form.confirm_required";

    /// <summary>The web app's own code for a choice that is not one of the form's options (a stale page, or a forged post).</summary>
    public const string ChoiceUnknown = "form.choice_unknown";

    /// <summary>A list's choice must be one the page offered; nothing is sent otherwise.</summary>
    public static ApiProblem Chosen(string field)
    {
        const string message = "Choose one of the listed options: the page may be out of date, so reload it.";
        return new ApiProblem(400, ChoiceUnknown, message, [new ApiFieldError(field, ChoiceUnknown, message)]);
    }

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
}

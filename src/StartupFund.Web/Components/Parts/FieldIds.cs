using StartupFund.Web.Api;

namespace StartupFund.Web.Components.Parts;

/// <summary>Element ids derived from an API field name, so an input can point at its own error text.</summary>
public static class FieldIds
{
    public static string InputId(string field) => "f-" + Clean(field);

    public static string ErrorId(string field) => "e-" + Clean(field);

    /// <summary>The aria-describedby of an input: its error text when the API blamed it, else nothing.</summary>
    public static string? DescribedBy(ApiProblem? problem, string field) => problem?.For(field).Any() == true ? ErrorId(field) : null;

    public static bool Invalid(ApiProblem? problem, string field) => problem?.For(field).Any() == true;

    private static string Clean(string field) => string.Concat(field.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>French groups digits with a narrow no-break space (U+202F) or a no-break space (U+00A0), depending on the ICU version.</summary>
public static class Spaces
{
    public static string Normalised(string? text) =>
        (text ?? string.Empty).Replace('\u202F', ' ').Replace('\u00A0', ' ').Trim();
}

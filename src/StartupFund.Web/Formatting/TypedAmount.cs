using System.Globalization;

namespace StartupFund.Web.Formatting;

/// <summary>
/// An amount as a person types it in their language, made into the API's form (digits and a point):
/// "250 000,50" in French and "250,000.50" in English both become "250000.50". Only the page's own
/// culture decides what a comma means, so "1,000" is a thousand in English and one in French. Anything
/// else is passed on unchanged, for the API to refuse with its own code.
/// </summary>
public static class TypedAmount
{
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var format = CultureInfo.CurrentCulture.NumberFormat;
        var group = format.NumberGroupSeparator;
        var compact = string.Concat(typed.Where(c => !char.IsWhiteSpace(c) && c is not '\u00A0' and not '\u202F'));
        if (group.Trim().Length > 0 && group != ".")
        {
            compact = compact.Replace(group, string.Empty, StringComparison.Ordinal);
        }

        return format.NumberDecimalSeparator == "," && !compact.Contains('.', StringComparison.Ordinal) ? compact.Replace(',', '.') : compact;
    }
}

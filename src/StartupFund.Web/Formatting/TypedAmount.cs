using System.Globalization;
using System.Text.RegularExpressions;

namespace StartupFund.Web.Formatting;

/// <summary>
/// An amount as a person types it in their language, made into the API's form (digits and a point):
/// "250 000,50" in French and "250,000.50" in English both become "250000.50". Only the page's own
/// culture decides what a comma means, so "1,000" is a thousand in English and one in French. A
/// thousands separator counts only where it groups three digits of the whole part: "50000,50" on an
/// English page is someone's decimal comma, never fifty million, so it is passed on as typed, as is
/// anything else unreadable, for the API to refuse with its own code.
/// </summary>
public static partial class TypedAmount
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
        if (group.Trim().Length > 0 && group != "." && compact.Contains(group, StringComparison.Ordinal))
        {
            if (!GroupsThousands(compact, group, format.NumberDecimalSeparator))
            {
                return compact;
            }

            compact = compact.Replace(group, string.Empty, StringComparison.Ordinal);
        }

        return format.NumberDecimalSeparator == "," && !compact.Contains('.', StringComparison.Ordinal) ? compact.Replace(',', '.') : compact;
    }

    /// <summary>"1,234,567.89": separators only in the whole part, each followed by exactly three digits, the first group 1-3 digits.</summary>
    private static bool GroupsThousands(string amount, string group, string decimalSeparator)
    {
        var point = amount.IndexOf(decimalSeparator, StringComparison.Ordinal);
        var whole = (point < 0 ? amount : amount[..point]).TrimStart('-', '+');
        var fraction = point < 0 ? string.Empty : amount[(point + decimalSeparator.Length)..];
        return !fraction.Contains(group, StringComparison.Ordinal)
            && GroupedWhole().IsMatch(whole.Replace(group, ",", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^[0-9]{1,3}(,[0-9]{3})+$")]
    private static partial Regex GroupedWhole();
}

using System.Globalization;
using Microsoft.Extensions.Localization;

namespace StartupFund.Web.Localization;

/// <summary>
/// A text about a count in the right number: "{key}.one" where the current language uses the singular
/// (English: exactly 1; French: 0 and 1), else "{key}". Both keys exist in every language.
/// </summary>
public static class Plural
{
    public static LocalizedString Count(this IStringLocalizer localizer, string key, long count, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[TakesSingular(count) ? key + ".one" : key, arguments];
    }

    public static bool TakesSingular(long count) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? count is 0 or 1 : count == 1;
}

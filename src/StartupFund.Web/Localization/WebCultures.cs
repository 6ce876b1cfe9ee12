using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;

namespace StartupFund.Web.Localization;

/// <summary>
/// The languages the web app speaks. To add one: translate Resources/Localization/Text.resx into
/// Text.{code}.resx and add the code here (docs/webapp.md). The choice comes from the picker's cookie,
/// then Accept-Language, then English.
/// </summary>
public static class WebCultures
{
    public static IReadOnlyList<string> Codes { get; } = ["en", "fr"];

    public const string Default = "en";

    /// <summary>The language's own name, shown in the picker whatever the current language.</summary>
    public static string NativeName(string code) => code switch
    {
        "fr" => "Français",
        _ => "English",
    };

    public static RequestLocalizationOptions Options()
    {
        var cultures = Available();
        var options = new RequestLocalizationOptions
        {
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
            ApplyCurrentCultureToResponseHeaders = true,
        };
        options.DefaultRequestCulture = new RequestCulture(cultures[0]);
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    /// <summary>The <c>lang</c> of the page: the current UI language (English under invariant globalization).</summary>
    public static string Lang =>
        CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : Default;

    public static bool IsSupported(string? code) => code is not null && Codes.Contains(code, StringComparer.Ordinal);

    /// <summary>
    /// The cultures this process can create. A host built with invariant globalization (some test
    /// hosts) cannot create any, and then gets the invariant culture only rather than failing to start.
    /// </summary>
    private static List<CultureInfo> Available()
    {
        var cultures = new List<CultureInfo>();
        foreach (var code in Codes)
        {
            try
            {
                cultures.Add(CultureInfo.GetCultureInfo(code, predefinedOnly: true));
            }
            catch (CultureNotFoundException)
            {
                // Invariant globalization: fall through to the invariant culture below.
            }
        }

        return cultures.Count > 0 ? cultures : [CultureInfo.InvariantCulture];
    }
}

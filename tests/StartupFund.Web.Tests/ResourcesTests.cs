using System.Globalization;
using System.Resources;
using StartupFund.Web.Localization;

namespace StartupFund.Web.Tests;

/// <summary>Every language is complete: the same keys as English, none empty.</summary>
public sealed class ResourcesTests
{
    private static readonly ResourceManager Resources = new("StartupFund.Web.Resources.Localization.Text", typeof(Text).Assembly);

    public static TheoryData<string> OtherLanguages() => [.. WebCultures.Codes.Where(c => c != WebCultures.Default)];

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Each_language_translates_every_english_text(string code)
    {
        var english = Texts(CultureInfo.InvariantCulture);
        var translated = Texts(CultureInfo.GetCultureInfo(code), own: true);

        english.Keys.Except(translated.Keys).ShouldBeEmpty($"{code} lacks these texts");
        translated.Keys.Except(english.Keys).ShouldBeEmpty($"{code} has texts English does not");
        translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ShouldBeEmpty();
    }

    [Fact]
    public void English_has_the_texts_the_pages_use()
    {
        var english = Texts(CultureInfo.InvariantCulture);
        english.Count.ShouldBeGreaterThan(300);
        english["nav.signin"].ShouldBe("Sign in");
        Texts(CultureInfo.GetCultureInfo("fr"), own: true)["nav.signin"].ShouldBe("Se connecter");
    }

    [Fact]
    public void Placeholders_match_between_languages()
    {
        var english = Texts(CultureInfo.InvariantCulture);
        foreach (var code in WebCultures.Codes.Where(c => c != WebCultures.Default))
        {
            foreach (var (key, text) in Texts(CultureInfo.GetCultureInfo(code), own: true))
            {
                Placeholders(text).ShouldBe(Placeholders(english[key]), $"{code}: {key}");
            }
        }
    }

    [Fact]
    public void Every_error_code_the_ledger_can_answer_has_a_text()
    {
        var codes = new[] { typeof(Domain.Common.ErrorCodes), typeof(Ledger.Pipeline.LedgerErrorCodes), typeof(Ledger.Audit.AuditErrorCodes), typeof(Security.AuthErrorCodes) }
            .SelectMany(type => type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();
        codes.Count.ShouldBeGreaterThan(90);
        var english = Texts(CultureInfo.InvariantCulture);
        codes.Where(code => !english.ContainsKey("error." + code)).ShouldBeEmpty("codes a page would show in the API's English words");
    }

    [Fact]
    public void Every_notice_has_a_text()
    {
        var english = Texts(CultureInfo.InvariantCulture);
        Session.Notice.Keys.Where(key => !english.ContainsKey(key)).ShouldBeEmpty("notices a page would show as their key");
    }

    private static Dictionary<string, string> Texts(CultureInfo culture, bool own = false)
    {
        // tryParents: false reads only the language's own file, so a missing key is not hidden by English.
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: !own)
            ?? throw new InvalidOperationException($"No resources for {culture.Name}.");
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static string Placeholders(string text) =>
        string.Join(',', System.Text.RegularExpressions.Regex.Matches(text, "\\{\\d+\\}").Select(m => m.Value).Order(StringComparer.Ordinal));
}

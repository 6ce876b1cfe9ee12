using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StartupFund.Web.Localization;

namespace StartupFund.Web.Tests;

/// <summary>A count agrees with its noun: English is singular for 1 only, French for 0 and 1.</summary>
public sealed class PluralTests
{
    private static readonly IStringLocalizer L = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(Text));

    [Theory]
    [InlineData("en", 0, "0 events, in version order")]
    [InlineData("en", 1, "1 event, in version order")]
    [InlineData("en", 2, "2 events, in version order")]
    [InlineData("fr", 0, "0 événement, dans l'ordre des versions")]
    [InlineData("fr", 1, "1 événement, dans l'ordre des versions")]
    [InlineData("fr", 2, "2 événements, dans l'ordre des versions")]
    public void A_count_takes_the_number_its_language_gives_it(string culture, int count, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            L.Count("stream.events", count, count).Value.ShouldBe(expected);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

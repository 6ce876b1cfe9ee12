using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StartupFund.Web.Components.Parts;
using StartupFund.Web.Localization;

namespace StartupFund.Web.Tests;

/// <summary>A refusal of a date rule names, in the user's language, the day the rule counts from.</summary>
public sealed class ProblemTextTests
{
    private static readonly IStringLocalizer<Text> L = new StringLocalizer<Text>(new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    [Theory]
    [InlineData("en", "before the first day the money could have moved (2026-07-28)")]
    [InlineData("fr", "premier jour où l'argent a pu circuler (2026-07-28)")]
    public void A_value_date_before_the_approval_names_the_approval_day(string culture, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            ProblemText.Of(L, "value_date.too_early", "The value date 2000-01-01 is before the approval (2026-07-28): the money cannot have moved earlier.")
                .ShouldContain(expected);
            ProblemText.Of(L, "value_date.too_early", "no date in this message").ShouldNotContain("{0}");
            ProblemText.Known(L, "value_date.too_early").ShouldNotBeNull().ShouldNotContain("{0}");
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

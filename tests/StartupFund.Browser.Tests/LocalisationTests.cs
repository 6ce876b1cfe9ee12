using Microsoft.Playwright;
using StartupFund.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StartupFund.Browser.Tests;

/// <summary>French text from the resources; money with the culture's separators and the currency's own decimals.</summary>
[Collection(SharedWebApp.Name)]
public sealed class LocalisationTests(WebApp app)
{
    [Theory]
    [InlineData("en-GB", "KW", "committed", "25,000,000.000 KWD")]
    [InlineData("en-GB", "JP", "committed", "7,000,000,000 JPY")]
    [InlineData("fr-FR", "KW", "committed", "25 000 000,000 KWD")]
    [InlineData("fr-FR", "JP", "committed", "7 000 000 000 JPY")]
    [InlineData("fr-FR", "DE", "committed", "40 000 000,00 EUR")]
    public async Task Money_has_the_currencys_decimals_in_the_users_culture(string culture, string country, string figure, string expected)
    {
        await using var tab = await app.OpenTabAsync(signedInAs: "regulator-global", culture);
        var page = tab.Page;

        await page.GotoAsync($"/app/countries/{country}");

        var currency = expected[^3..];
        var shown = await page.GetByTestId($"balance-{currency}-{figure}").TextContentAsync();
        Spaces.Normalised(shown).ShouldBe(expected);
    }

    [Fact]
    public async Task A_french_browser_gets_french_pages()
    {
        await using var tab = await app.OpenTabAsync(signedInAs: "manager-kw", culture: "fr-FR");
        var page = tab.Page;

        await page.GotoAsync("/app/countries/KW");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord : KW", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Soldes des fonds" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "File d'examen" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard-fr");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page, "the French dashboard");
    }

    [Fact]
    public async Task The_language_picker_switches_the_page_to_french()
    {
        await using var tab = await app.OpenTabAsync(signedInAs: "startup-aleph");
        var page = tab.Page;
        await page.GotoAsync("/app/applications");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My applications", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Language").SelectOptionAsync(new SelectOptionValue { Value = "fr" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Change language" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mes candidatures", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
    }
}

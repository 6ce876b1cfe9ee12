using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StartupFund.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StartupFund.Browser.Tests;

/// <summary>A startup applies, follows its application, and sees nothing of another startup's.</summary>
[Collection(SharedWebApp.Name)]
public sealed partial class StartupPortalTests(WebApp app)
{
    [Fact]
    public async Task A_startup_applies_and_sees_its_application()
    {
        await using var tab = await app.OpenTabAsync(signedInAs: "startup-nordlicht");
        var page = tab.Page;

        await page.GotoAsync("/app/apply");
        await FillApplicationAsync(page, "Nordlicht Grid Forecasting", amount: "180000.00");
        await Screenshots.SaveAsync(page, "startup-apply");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the application" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(ApplicationPageAfterApplying());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Application: Nordlicht Grid Forecasting", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your application was submitted.");
        await Expect(page.GetByTestId("application-status")).ToHaveTextAsync("Submitted");
        await Expect(page.GetByTestId("application-requested")).ToHaveTextAsync("180,000.00 EUR");
        await Expect(page.GetByTestId("next-step")).ToContainTextAsync("Waiting for the fund to start the review.");
        await Expect(page.Locator("ol.timeline li[data-event-type=application-submitted]")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "startup-application");

        await page.GetByRole(AriaRole.Link, new() { Name = "My applications" }).First.ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nordlicht Grid Forecasting" });
        await Expect(row).ToContainTextAsync("Submitted");
        await Expect(row).ToContainTextAsync("180,000.00 EUR");
    }

    [Fact]
    public async Task A_bad_amount_is_shown_under_its_field_and_nothing_is_written()
    {
        await using var tab = await app.OpenTabAsync(signedInAs: "startup-nordlicht");
        var page = tab.Page;

        await page.GotoAsync("/app/apply");
        await FillApplicationAsync(page, "Nordlicht Too Precise", amount: "1000.005");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the application" }).ClickAsync();

        var amount = page.GetByLabel("Amount requested");
        await Expect(amount).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(amount).ToHaveAccessibleDescriptionAsync(new Regex("This amount has more decimals than its currency allows"));
        await Expect(page.Locator("#e-requested-amount [data-code='money.too_many_decimals']")).ToBeVisibleAsync();
        await Expect(amount).ToHaveValueAsync("1000.005");
        await Expect(page.GetByLabel("Company name")).ToHaveValueAsync("Nordlicht Too Precise");
        await Expect(page.GetByLabel("Company name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshots.SaveAsync(page, "startup-apply-field-error");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page, "the application form with a field error");

        (await app.Database.ScalarAsync<long>("select count(*) from eventstore.events where data::text like '%Nordlicht Too Precise%'")).ShouldBe(0);
    }

    [Theory]
    [InlineData("/app/applications/de-app-aleph")]
    [InlineData("/app/review/de-app-aleph")]
    public async Task A_startup_cannot_see_another_startups_application(string path)
    {
        await using var tab = await app.OpenTabAsync(signedInAs: "startup-nordlicht");
        var page = tab.Page;

        await page.GotoAsync(path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Application not found", Level = 1 })).ToBeVisibleAsync();
        var body = page.Locator("body");
        await Expect(body).Not.ToContainTextAsync("Aleph");
        await Expect(body).Not.ToContainTextAsync("1,000,000.00");
        await Expect(page).Not.ToHaveTitleAsync(new Regex("Aleph"));

        await page.GotoAsync("/app/applications");
        await Expect(body).Not.ToContainTextAsync("Aleph");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Nordlicht Energy");
    }

    private static async Task FillApplicationAsync(IPage page, string company, string amount)
    {
        await page.GetByLabel("Fund", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "de-ai-fund" });
        await page.GetByLabel("Company name").FillAsync(company);
        await page.GetByLabel("Registration number").FillAsync("HRB 424242");
        await page.GetByLabel("Country of registration").FillAsync("DE");
        await page.GetByLabel("Sector").FillAsync("Climate");
        await page.GetByLabel("Stage").SelectOptionAsync(new SelectOptionValue { Value = "seed" });
        await page.GetByLabel("Instrument").SelectOptionAsync(new SelectOptionValue { Value = "equity" });
        await page.GetByLabel("Amount requested").FillAsync(amount);
        await page.GetByLabel("What you will do with the money").FillAsync("Forecast grid load with small models.");
    }

    [GeneratedRegex(@"/app/applications/[A-Za-z0-9._-]+$")]
    private static partial Regex ApplicationPageAfterApplying();
}

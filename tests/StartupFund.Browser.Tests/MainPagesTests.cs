using Microsoft.Playwright;
using StartupFund.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StartupFund.Browser.Tests;

/// <summary>
/// Every main page, as the user it is for: it renders (no error alert), axe-core finds no serious or
/// critical violation, and its screenshot goes to artifacts/screenshots/&lt;name&gt;.png.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class MainPagesTests(WebApp app)
{
    /// <summary>Replaced in a path by a day after the seed was recorded (the dashboard "as of" it).</summary>
    private const string QuietDay = "{quiet-day}";

    public static TheoryData<string, string?, string> MainPages => new()
    {
        { "signin", null, "/app/signin" },
        { "home-manager", "manager-de", "/app" },
        { "startup-applications", "startup-aleph", "/app/applications" },
        { "startup-application-funded", "startup-aleph", "/app/applications/de-app-aleph" },
        { "startup-apply-form", "startup-aleph", "/app/apply" },
        { "investor-investments", "co-investor-aleph", "/app/investments" },
        { "investor-application", "co-investor-aleph", "/app/applications/de-app-aleph" },
        { "dashboard", "manager-de", "/app/countries/DE" },
        { "dashboard-as-of", "regulator-de", "/app/countries/DE?date=" + QuietDay },
        { "dashboard-kenya", "regulator-global", "/app/countries/KE" },
        { "review-queue", "manager-de", "/app/review" },
        { "review-application", "manager-de", "/app/review/de-app-quanta" },
        { "review-application-active", "manager-de", "/app/review/de-app-aleph" },
        { "audit-log", "regulator-de", "/app/audit?country=DE" },
        { "audit-stream", "regulator-de", "/app/audit/streams/fund:de-ai-fund" },
        { "audit-verify", "regulator-de", "/app/audit/verify?run=1&country=DE" },
    };

    [Theory]
    [MemberData(nameof(MainPages))]
    public async Task Renders_with_no_serious_accessibility_violation(string name, string? identity, string path)
    {
        await using var tab = await app.OpenTabAsync(signedInAs: identity);
        var page = tab.Page;

        var failed = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                failed.Add($"{r.Status} {r.Url}");
            }
        };
        var response = await page.GotoAsync(path.Replace(QuietDay, DemoData.QuietDay.ToString("yyyy-MM-dd", null), StringComparison.Ordinal));

        response.ShouldNotBeNull().Status.ShouldBe(200);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".alert-error")).ToHaveCountAsync(0);
        failed.ShouldBeEmpty("requests of the page that failed (its stylesheet among them?)");
        await Screenshots.SaveAsync(page, name);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page, name);
    }

    [Fact]
    public async Task Keyboard_users_can_skip_to_the_main_content()
    {
        await using var tab = await app.OpenTabAsync(signedInAs: "manager-de");
        var page = tab.Page;
        await page.GotoAsync("/app/countries/DE");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
    }
}

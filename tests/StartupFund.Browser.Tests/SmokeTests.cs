using Microsoft.Playwright;
using StartupFund.Browser.Tests.Infrastructure;

namespace StartupFund.Browser.Tests;

/// <summary>The pipeline itself: API process, chromium under Playwright, axe-core, screenshots.</summary>
[Collection(SharedWebApp.Name)]
public sealed class SmokeTests(WebApp app)
{
    [Fact]
    public async Task The_API_docs_page_renders_the_operations_in_chromium()
    {
        await using var tab = await app.OpenTabAsync();
        var page = tab.Page;
        await page.GotoAsync("/docs");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "StartupFund API" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("/countries/{country}/balance").First).ToBeVisibleAsync();
        var path = await Screenshots.SaveAsync(page, "api-docs", fullPage: false);
        new FileInfo(path).Length.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public async Task Axe_reports_a_serious_violation_on_a_page_made_to_have_one()
    {
        await using var tab = await app.OpenTabAsync();
        var page = tab.Page;
        await page.SetContentAsync("""<html lang="en"><head><title>t</title></head><body><main><img src="x.png"><p style="color:#bbb;background:#fff">faint</p></main></body></html>""");
        var violations = await Axe.SeriousViolationsAsync(page);
        violations.Select(v => v.Id).ShouldContain("image-alt");
        violations.Select(v => v.Id).ShouldContain("color-contrast");
    }
}

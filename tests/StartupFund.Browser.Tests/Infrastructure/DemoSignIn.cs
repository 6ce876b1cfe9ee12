using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>Signs in on /app/signin by picking a demo identity (src/StartupFund.Security's DemoIdentities).</summary>
public static class DemoSignIn
{
    public static async Task AsAsync(IPage page, string identity)
    {
        await page.GotoAsync("/app/signin");
        await page.Locator($"#identity-{identity}").CheckAsync();
        // The demo form's only button, whatever the page's language.
        var demoForm = page.Locator("form", new() { Has = page.Locator("input[name=identity]") });
        await demoForm.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
    }
}

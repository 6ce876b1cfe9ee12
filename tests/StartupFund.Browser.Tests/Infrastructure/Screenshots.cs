using Microsoft.Playwright;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>Screenshots under artifacts/screenshots/&lt;name&gt;.png (a few are copied by hand to docs/screenshots).</summary>
public static class Screenshots
{
    /// <summary>The whole page by default; the visible part only for a very long page (the API docs).</summary>
    public static async Task<string> SaveAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        var path = Path.Combine(RepositoryPaths.Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }
}

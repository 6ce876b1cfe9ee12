using Microsoft.Playwright;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>Full-page screenshots under artifacts/screenshots/&lt;name&gt;.png (a few are copied by hand to docs/screenshots).</summary>
public static class Screenshots
{
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        var path = Path.Combine(RepositoryPaths.Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}

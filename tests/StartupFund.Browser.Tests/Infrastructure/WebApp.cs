using System.Security.Cryptography;
using Microsoft.Playwright;
using StartupFund.Testing;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>
/// Shared by every browser test class (one collection): a fresh database with the demo data, the
/// real API process serving the web app over it, and one headless chromium. Each test opens its own
/// browser context (its own cookies), so signing in as one user never leaks into another test.
/// </summary>
public sealed class WebApp : IAsyncLifetime
{
    /// <summary>Per action and per navigation: a broken page fails in seconds instead of hanging for Playwright's 30 s.</summary>
    public const float ActionTimeoutMs = 10_000;

    private readonly TestDatabase database = new();
    private ApiProcess? api;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public TestDatabase Database => database;

    public Uri BaseAddress => Api.BaseAddress;

    public string ApiLog => Api.RecentLog;

    private ApiProcess Api => api ?? throw new InvalidOperationException("The web app has not started.");

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await DemoData.SeedAsync(database);
        api = await ApiProcess.StartAsync(database.ConnectionString, new Dictionary<string, string>
        {
            ["Auth__SigningKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            ["Auth__DemoSignIn"] = "true",
        });
        playwright = await Playwright.CreateAsync();
        browser = await ChromiumBrowser.LaunchAsync(playwright);
    }

    /// <summary>A new browser context (no cookies) whose pages ask for <paramref name="culture"/> first.</summary>
    public async Task<BrowserTab> OpenTabAsync(string culture = "en-GB")
    {
        var context = await (browser ?? throw new InvalidOperationException("No browser.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = culture,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(ActionTimeoutMs);
        context.SetDefaultNavigationTimeout(ActionTimeoutMs);
        return new BrowserTab(await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        await database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedWebApp : ICollectionFixture<WebApp>
{
    public const string Name = "web app in chromium";
}

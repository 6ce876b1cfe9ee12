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
    /// <summary>
    /// Per action, navigation and assertion: a broken page fails in seconds instead of hanging for
    /// Playwright's 30 s, with room for a CI machine busy with every other test project.
    /// </summary>
    public const float ActionTimeoutMs = 10_000;

    private readonly TestDatabase database = new();
    private ApiProcess? api;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private readonly Dictionary<string, string> sessions = new(StringComparer.Ordinal);

    public TestDatabase Database => database;

    public Uri BaseAddress => Api.BaseAddress;

    private ApiProcess Api => api ?? throw new InvalidOperationException("The web app has not started.");

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await DemoData.SeedAsync(database);
        var process = new ApiProcess(database.ConnectionString, new Dictionary<string, string>
        {
            ["Auth__SigningKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            ["Auth__DemoSignIn"] = "true",
        })
        {
            OutputFile = Path.Combine(RepositoryPaths.Logs, "api.log"),
        };
        api = process;
        await process.StartAsync();
        Assertions.SetDefaultExpectTimeout(ActionTimeoutMs);
        playwright = await Playwright.CreateAsync();
        browser = await ChromiumBrowser.LaunchAsync(playwright);
    }

    /// <summary>
    /// A new browser context whose pages ask for <paramref name="culture"/> first, with no cookies, or
    /// with only the session cookie of the demo identity <paramref name="signedInAs"/>. Each identity
    /// signs in through /app/signin once; later tabs start from its saved cookies.
    /// </summary>
    public async Task<BrowserTab> OpenTabAsync(string? signedInAs = null, string culture = "en-GB")
    {
        var session = signedInAs is null ? null : await SessionOfAsync(signedInAs);
        return new BrowserTab(await NewPageAsync(culture, session));
    }

    private async Task<string> SessionOfAsync(string identity)
    {
        // The tests of the collection run one at a time, so the cache needs no lock.
        if (!sessions.TryGetValue(identity, out var session))
        {
            var page = await NewPageAsync("en-GB", storageState: null);
            await DemoSignIn.AsAsync(page, identity);
            session = await page.Context.StorageStateAsync();
            await page.Context.CloseAsync();
            sessions[identity] = session;
        }

        return session;
    }

    private async Task<IPage> NewPageAsync(string culture, string? storageState)
    {
        var context = await (browser ?? throw new InvalidOperationException("No browser.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = culture,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
            StorageState = storageState,
        });
        context.SetDefaultTimeout(ActionTimeoutMs);
        context.SetDefaultNavigationTimeout(ActionTimeoutMs);
        return await context.NewPageAsync();
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

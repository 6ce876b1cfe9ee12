using Microsoft.Playwright;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>Debian's chromium, headless, under Playwright (which cannot download a browser of its own here).</summary>
public static class ChromiumBrowser
{
    public static string Executable { get; } =
        Environment.GetEnvironmentVariable("STARTUPFUND_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} not found: run build/browsers.sh (it installs Debian's chromium) or set STARTUPFUND_CHROMIUM.");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Timeout = 30_000,
            // The sandbox needs user namespaces a root CI container lacks; the rest keeps chromium off a
            // network it cannot reach (each refused connection costs time at every start).
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }
}

using Microsoft.Playwright;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>One page in its own browser context; disposing closes the context (cookies and all).</summary>
public sealed class BrowserTab(IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => new(Page.Context.CloseAsync());
}

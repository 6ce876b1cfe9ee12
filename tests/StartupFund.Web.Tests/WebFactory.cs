using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StartupFund.Ledger;
using StartupFund.Ledger.Seeding;
using StartupFund.Testing;
using StartupFund.Web.Api;

namespace StartupFund.Web.Tests;

/// <summary>
/// The real API host with the web app, over a fresh seeded database. The web app's loopback calls go
/// to the in-memory server, so every page is rendered from real API answers.
/// </summary>
public class WebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string SigningKey = "web-tests-signing-key-0123456789abcdef";

    public TestDatabase Database { get; } = new();

    /// <summary>Demo sign-in (Auth:DemoSignIn); off for a production-like host.</summary>
    protected virtual bool DemoSignIn => true;

    /// <summary>
    /// When set, answers the web app's calls to the API in the API's place (or throws, as a refused
    /// connection does); null, or a null answer, lets the call through to the API. The outage tests'.
    /// </summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? ApiFault { get; set; }

    public Task<long> EventCountAsync() => Database.ScalarAsync<long>("select count(*) from eventstore.events");

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public WebSession Session() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var ledger = Services.GetRequiredService<StartupFundLedger>();
        await ledger.MigrateAsync();
        await new DemoSeed(ledger).RunAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:StartupFund", Database.ConnectionString);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Auth:DemoSignIn", DemoSignIn ? "true" : "false");
        builder.UseSetting("RateLimit:PermitsPerWindow", "0");
        builder.UseSetting("Web:ApiBaseAddress", "http://localhost/");
        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureServices(services =>
            services.AddHttpClient(ApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new FaultHandler(this, Server.CreateHandler())));
    }

    /// <summary>The web app's way to the API, through <see cref="ApiFault"/> when one is set.</summary>
    private sealed class FaultHandler(WebFactory factory, HttpMessageHandler api) : DelegatingHandler(api)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            factory.ApiFault?.Invoke(request) is { } answer ? Task.FromResult(answer) : base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The same host as production runs it: no demo identities.</summary>
public sealed class ProductionWebFactory : WebFactory
{
    protected override bool DemoSignIn => false;
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NodaTime;
using StartupFund.Ledger;
using StartupFund.Security;
using StartupFund.Testing;

namespace StartupFund.Api.Tests.Support;

/// <summary>The real API (Program) over a fresh PostgreSQL database per test class, with a hand-moved clock.</summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public FakeClock Clock { get; } = FakeClock.At(2026, 3, 2);

    public StartupFundLedger Ledger => Services.GetRequiredService<StartupFundLedger>();

    public const string SigningKey = "api-tests-signing-key-0123456789abcdef";

    public LocalTokens Tokens => new(new AuthOptions { SigningKey = SigningKey }, Clock);

    /// <summary>Each request sent by the role its step is for (<see cref="Cast.For"/>).</summary>
    public Scenario Scenario() => new(CreateClient(), (method, path) => Tokens.Mint(Cast.For(method, path)));

    /// <summary>Every request sent as this one identity.</summary>
    public Scenario As(TokenIdentity identity) => new(CreateClient(), (_, _) => Tokens.Mint(identity));

    /// <summary>Requests with this exact Authorization token (or none).</summary>
    public Scenario WithToken(string? token) => new(CreateClient(), (_, _) => token);

    /// <summary>Settings a test class needs on top of the defaults (a tiny rate limit, other keys).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public Task<long> EventCountAsync() => Database.ScalarAsync<long>("select count(*) from eventstore.events");

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _ = Server;
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
        builder.UseSetting("RateLimit:PermitsPerWindow", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
        });
    }
}

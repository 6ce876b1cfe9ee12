using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NodaTime;
using StartupFund.Ledger;
using StartupFund.Testing;

namespace StartupFund.Api.Tests.Support;

/// <summary>The real API (Program) over a fresh PostgreSQL database per test class, with a hand-moved clock.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public FakeClock Clock { get; } = FakeClock.At(2026, 3, 2);

    public StartupFundLedger Ledger => Services.GetRequiredService<StartupFundLedger>();

    public Scenario Scenario() => new(CreateClient());

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
        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
        });
    }
}

using StartupFund.Ledger;

namespace StartupFund.Api.Http;

/// <summary>Creates or upgrades the schemas before the server listens (idempotent, safe from several processes).</summary>
public sealed class MigrateOnStart(StartupFundLedger ledger, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        configuration.GetValue("StartupFund:MigrateOnStart", true) ? ledger.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

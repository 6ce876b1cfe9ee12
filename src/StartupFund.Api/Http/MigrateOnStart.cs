using StartupFund.Ledger;

namespace StartupFund.Api.Http;

/// <summary>
/// Creates or upgrades the schemas before the server listens (idempotent, safe from several processes). A
/// database that does not answer yet (both started together, or restarting) is waited for, up to
/// StartupFund:DatabaseWaitSeconds (default 60); then the start fails with one line saying why.
/// </summary>
public sealed partial class MigrateOnStart(StartupFundLedger ledger, IConfiguration configuration, ILogger<MigrateOnStart> logger) : IHostedService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("StartupFund:MigrateOnStart", true))
        {
            return;
        }

        var wait = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("StartupFund:DatabaseWaitSeconds", 60)));
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await ledger.MigrateAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (DatabaseUnavailable.Is(e))
            {
                if (waiting.Elapsed + Pause > wait)
                {
                    throw new InvalidOperationException(
                        $"the database did not answer within {wait.TotalSeconds:0} s ({e.Message}); start it, or set StartupFund:DatabaseWaitSeconds", e);
                }

                DatabaseNotAnswering(logger, e.Message, Pause.TotalSeconds);
                await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database does not answer yet ({Reason}); trying again in {Seconds} s.")]
    private static partial void DatabaseNotAnswering(ILogger logger, string reason, double seconds);
}

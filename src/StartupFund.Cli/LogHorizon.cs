using System.CommandLine;

namespace StartupFund.Cli;

/// <summary>
/// The log is readable only below the oldest transaction open on the server. Commands that read the log as it
/// stands first wait for every event already committed to become readable, rather than leave some out unsaid.
/// </summary>
internal static class LogHorizon
{
    public static Option<int> WaitOption() => new("--horizon-wait")
    {
        Description = "Seconds to wait for transactions left open on the server before refusing (default 60).",
        DefaultValueFactory = _ => 60,
    };

    /// <returns>False, having said why, when the events committed so far did not all become readable in time.</returns>
    public static async Task<bool> ReadyAsync(EventStore.EventStore store, int waitSeconds, string what, CancellationToken cancellationToken)
    {
        if (await store.WaitUntilCommittedAreReadableAsync(TimeSpan.FromSeconds(Math.Max(0, waitSeconds)), cancellationToken))
        {
            return true;
        }

        await Console.Error.WriteLineAsync(
            $"error: a transaction left open on the database server holds back the log's horizon, so {what} now would leave out events "
            + $"already committed. Nothing was written; end that transaction (see pg_stat_activity) and try again.");
        return false;
    }
}

using System.CommandLine;
using NodaTime;
using Npgsql;
using StartupFund.EventStore.Projections;
using StartupFund.Ledger.Audit;

namespace StartupFund.Cli;

internal static class RunProjectionsCommand
{
    public static Command Create()
    {
        var command = new Command("run-projections", """
            Keep the asynchronous projections (today: the per-country audit summary) up to date with the log until
            stopped (Ctrl+C). Run it on as many nodes as you like: one leads, the others wait and the first to get the
            lock takes over when the leader stops or dies. Every event is applied exactly once.
            """);
        CommonOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (CommonOptions.OpenStore(parseResult) is not var (dataSource, store))
            {
                return ExitCodes.UsageOrEnvironment;
            }

            await using (dataSource)
            {
                var projection = new AuditSummaryProjection();
                var runner = new AsyncProjectionRunner(AuditSummaryCommand.LedgerStore(dataSource, store), projection, idleDelay: Duration.FromMilliseconds(200));
                var running = runner.RunAsync(cancellationToken);
                var started = System.Diagnostics.Stopwatch.StartNew();
                var (announced, waitingSaid) = (false, false);
                while (!running.IsCompleted)
                {
                    if (!announced && runner.IsLeader)
                    {
                        announced = true;
                        Console.WriteLine($"leading '{projection.Name}' from {runner.Checkpoint}");
                    }
                    else if (!announced && !waitingSaid && started.Elapsed > TimeSpan.FromSeconds(1))
                    {
                        waitingSaid = true;
                        Console.WriteLine($"waiting to lead '{projection.Name}': another process runs it; this one takes over if that one stops");
                    }

                    await Task.WhenAny(running, Task.Delay(100, CancellationToken.None));
                }

                try
                {
                    await running;
                }
                catch (OperationCanceledException)
                {
                    Console.WriteLine($"stopped; {Counted.Of(runner.EventsApplied, "event")} applied");
                    return ExitCodes.Ok;
                }
                catch (NpgsqlException e)
                {
                    Console.Error.WriteLine($"error: lost the database: {e.Message}");
                    return ExitCodes.UsageOrEnvironment;
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }
}

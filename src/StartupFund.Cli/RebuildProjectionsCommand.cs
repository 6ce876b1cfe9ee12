using System.CommandLine;
using NodaTime;
using Npgsql;
using StartupFund.EventStore;
using StartupFund.EventStore.Projections;
using StartupFund.Ledger.Audit;

namespace StartupFund.Cli;

internal static class RebuildProjectionsCommand
{
    /// <summary>Every asynchronous projection of the ledger, by name.</summary>
    private static readonly IAsyncProjection[] Projections = [new AuditSummaryProjection()];

    public static Command Create()
    {
        var verify = new Option<bool>("--verify")
        {
            Description = "Do not replace anything: replay up to the live checkpoint into shadow tables and compare them row by row with the live "
                + "tables. Exit code 1 if any row differs.",
        };
        var only = new Option<string?>("--projection") { Description = $"Only this projection ({string.Join(", ", Projections.Select(p => p.Name))})." };
        var lockSeconds = new Option<int>("--lock-timeout")
        {
            Description = "Seconds to wait for a running runner of the projection to let go of it.",
            DefaultValueFactory = _ => 30,
        };
        var command = new Command("rebuild-projections", """
            Rebuild the asynchronous projections from the first event into shadow tables and swap them in atomically
            with their checkpoints; with --verify, check instead that the live tables are exactly what the log gives
            (a regulator's check that the read models are faithful). It needs the projection to itself: stop its runners
            ('run-projections') first; it waits --lock-timeout seconds for one to let go, then refuses.
            """);
        CommonOptions.AddTo(command);
        command.Options.Add(verify);
        command.Options.Add(only);
        command.Options.Add(lockSeconds);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(only);
            var selected = Projections.Where(p => name is null || p.Name == name).ToList();
            if (selected.Count == 0)
            {
                Console.Error.WriteLine($"error: no projection '{name}'; there are: {string.Join(", ", Projections.Select(p => p.Name))}");
                return ExitCodes.UsageOrEnvironment;
            }

            if (CommonOptions.OpenStore(parseResult) is not var (dataSource, store))
            {
                return ExitCodes.UsageOrEnvironment;
            }

            await using (dataSource)
            {
                var verifyOnly = parseResult.GetValue(verify);
                var faithful = true;
                try
                {
                    foreach (var projection in selected)
                    {
                        var report = await Progress.RunAsync(projection.Name, p => new ProjectionRebuilder(AuditSummaryCommand.LedgerStore(dataSource, store), projection)
                            .RebuildAsync(verifyOnly, Duration.FromSeconds(parseResult.GetValue(lockSeconds)), p, cancellationToken));
                        if (!verifyOnly)
                        {
                            Console.WriteLine($"{projection.Name}: rebuilt from {Counted.Of(report.EventsApplied, "event")} up to {report.UpTo} and swapped in");
                        }
                        else if (report.IsFaithful)
                        {
                            Console.WriteLine($"{projection.Name}: faithful: {Counted.Of(report.EventsApplied, "event")} replayed up to {report.UpTo} give exactly the live rows");
                        }
                        else
                        {
                            faithful = false;
                            Console.WriteLine($"{projection.Name}: DIFFERS from the log ({Counted.Of(report.EventsApplied, "event")} replayed up to {report.UpTo})");
                            foreach (var difference in report.Differences)
                            {
                                Console.WriteLine($"  {difference.Table}: {difference.OnlyInLive} rows only in the live table, {difference.OnlyInRebuild} only in the rebuild");
                                foreach (var sample in difference.Samples)
                                {
                                    Console.WriteLine($"    {sample}");
                                }
                            }
                        }
                    }
                }
                catch (Exception e) when (e is NpgsqlException or EventStoreException)
                {
                    Console.Error.WriteLine($"error: {DatabaseErrors.Describe(e)}");
                    return ExitCodes.UsageOrEnvironment;
                }

                return faithful ? ExitCodes.Ok : ExitCodes.VerificationFailed;
            }
        });
        return command;
    }
}

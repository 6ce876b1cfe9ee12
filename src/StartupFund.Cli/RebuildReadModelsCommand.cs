using System.CommandLine;
using Npgsql;

namespace StartupFund.Cli;

internal static class RebuildReadModelsCommand
{
    public static Command Create()
    {
        var command = new Command("rebuild-read-models", """
            Rebuild the ledger's live read models (funds, applications, the journal and its balances) from the event log:
            after 'import', which brings the events alone, or to repair rows changed by hand. One transaction empties the
            tables and replays every event into them, so the API's answers are again exactly what the log gives; the
            idempotency records are kept. Stop the API first: commands wait while it runs, and one in flight when it starts
            could be missed. Check the result with 'verify-read-models'.
            """);
        CommonOptions.AddTo(command);
        command.Options.Add(CommonOptions.ReadSchema);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (CommonOptions.OpenLedger(parseResult) is not var (dataSource, ledger))
            {
                return ExitCodes.UsageOrEnvironment;
            }

            await using (dataSource)
            {
                try
                {
                    var replayed = await ledger.RebuildReadModelsAsync(cancellationToken: cancellationToken);
                    Console.WriteLine($"rebuilt the read models in schema {parseResult.GetValue(CommonOptions.ReadSchema)} from {Counted.Of(replayed, "event")}");
                    return ExitCodes.Ok;
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    Console.Error.WriteLine($"error: cannot rebuild the read models: {DatabaseErrors.Describe(e)}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

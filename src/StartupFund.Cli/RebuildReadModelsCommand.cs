using System.CommandLine;
using Npgsql;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger;

namespace StartupFund.Cli;

internal static class RebuildReadModelsCommand
{
    public static Command Create()
    {
        var readSchema = new Option<string>("--read-schema")
        {
            Description = "PostgreSQL schema that holds the ledger's read models (created if missing).",
            DefaultValueFactory = _ => "ledger",
        };
        var command = new Command("rebuild-read-models", """
            Rebuild the ledger's live read models (funds, applications, the journal and its balances) from the event log:
            after 'import', which brings the events alone, or to repair rows changed by hand. One transaction empties the
            tables and replays every event into them, so the API's answers are again exactly what the log gives; the
            idempotency records are kept. Stop the API first: commands wait while it runs, and one in flight when it starts
            could be missed. Check the result with 'verify-read-models'.
            """);
        CommonOptions.AddTo(command);
        command.Options.Add(readSchema);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            SchemaName read;
            try
            {
                read = new SchemaName(parseResult.GetValue(readSchema)!);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.UsageOrEnvironment;
            }

            if (CommonOptions.OpenStore(parseResult) is not var (dataSource, store))
            {
                return ExitCodes.UsageOrEnvironment;
            }

            await using (dataSource)
            {
                try
                {
                    var ledger = new StartupFundLedger(dataSource, new LedgerOptions { EventSchema = store.Schema, ReadSchema = read });
                    var replayed = await ledger.RebuildReadModelsAsync(cancellationToken);
                    Console.WriteLine($"rebuilt the read models in schema {read.Value} from {Counted.Of(replayed, "event")}");
                    return ExitCodes.Ok;
                }
                catch (NpgsqlException e)
                {
                    Console.Error.WriteLine($"error: cannot rebuild the read models: {e.Message}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

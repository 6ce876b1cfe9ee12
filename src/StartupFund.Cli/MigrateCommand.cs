using System.CommandLine;
using Npgsql;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger;

namespace StartupFund.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or upgrade the event store and the ledger's read models. Safe to run again and from several processes at once.");
        CommonOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (CommonOptions.OpenStore(parseResult) is not var (dataSource, store))
            {
                return ExitCodes.UsageOrEnvironment;
            }

            await using (dataSource)
            {
                try
                {
                    var applied = await store.MigrateAsync(cancellationToken);
                    var ledger = new StartupFundLedger(dataSource, new LedgerOptions { EventSchema = new SchemaName(store.Schema.Value) });
                    await ledger.MigrateAsync(cancellationToken);
                    Console.WriteLine(applied.Count == 0
                        ? $"event store schema '{store.Schema}' is up to date"
                        : $"event store schema '{store.Schema}': applied migration(s) {string.Join(", ", applied)}");
                    Console.WriteLine($"read models in schema '{new LedgerOptions().ReadSchema}' are up to date");
                    return ExitCodes.Ok;
                }
                catch (NpgsqlException e)
                {
                    Console.Error.WriteLine($"error: cannot migrate: {e.Message}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

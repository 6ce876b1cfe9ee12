using System.CommandLine;
using Npgsql;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger;
using StartupFund.Ledger.Seeding;

namespace StartupFund.Cli;

internal static class SeedCommand
{
    public static Command Create()
    {
        var command = new Command("seed", """
            Migrate the ledger (event store and read models) and load the demo: funds in Germany (EUR), Kenya (KES),
            Japan (JPY) and Kuwait (KWD) with different matching policies, sponsors and applications in every state.
            Every command carries a fixed idempotency key, so seeding again writes nothing.
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
                try
                {
                    var ledger = new StartupFundLedger(dataSource, new LedgerOptions { EventSchema = new SchemaName(store.Schema.Value) });
                    await ledger.MigrateAsync(cancellationToken);
                    var report = await new DemoSeed(ledger).RunAsync(cancellationToken);
                    Console.WriteLine(report.Written == 0
                        ? $"demo data already present ({report.AlreadyPresent} commands), nothing written"
                        : $"demo data: {report.Written} commands written, {report.AlreadyPresent} already present");
                    return ExitCodes.Ok;
                }
                catch (NpgsqlException e)
                {
                    Console.Error.WriteLine($"error: cannot seed: {e.Message}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

using System.CommandLine;
using Npgsql;

namespace StartupFund.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or upgrade the event store schema. Safe to run again and from several processes at once.");
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
                    Console.WriteLine(applied.Count == 0
                        ? $"schema '{store.Schema}' is up to date"
                        : $"schema '{store.Schema}': applied migration(s) {string.Join(", ", applied)}");
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

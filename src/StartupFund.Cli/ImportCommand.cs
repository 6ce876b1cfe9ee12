using System.CommandLine;
using Npgsql;
using StartupFund.EventStore.Audit;

namespace StartupFund.Cli;

internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "An export file (JSON Lines) written by 'export'." };
        var command = new Command("import", """
            Load an export file into an empty event store (migrated first if needed). Every hash and the digest are
            re-verified on the way in; a tampered file, or a store that is not empty, is refused and nothing is written.
            """);
        CommonOptions.AddTo(command);
        command.Arguments.Add(file);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var input = parseResult.GetValue(file)!;
            if (InputFile.IsMissing(input))
            {
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
                    await store.MigrateAsync(cancellationToken);
                    using var reader = input.OpenText();
                    var digest = await Progress.RunAsync("importing", p => store.ImportAsync(reader, p, cancellationToken));
                    Console.WriteLine($"imported {Counted.Of(digest.Events, "event")}; digest {digest.Events}:{digest.Sha256}");
                    return ExitCodes.Ok;
                }
                catch (ImportRefusedException e)
                {
                    Console.Error.WriteLine($"error: {e.Message}");
                    foreach (var broken in e.Breaks.Skip(1).Take(20))
                    {
                        Console.Error.WriteLine($"  also {broken}");
                    }

                    return ExitCodes.VerificationFailed;
                }
                catch (Exception e) when (e is NpgsqlException or IOException)
                {
                    Console.Error.WriteLine($"error: cannot import: {DatabaseErrors.Describe(e)}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

using System.CommandLine;
using Npgsql;

namespace StartupFund.Cli;

internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out", "-o") { Description = "File to write (JSON Lines).", Required = true };
        var country = new Option<string?>("--country") { Description = "Export only this country's streams (ISO 3166-1 alpha-2, e.g. KE)." };
        var command = new Command("export", """
            Write the event log (or one country's streams) as JSON Lines: a header, every event in log order with
            its metadata and hash, each stream's head, and a closing digest. Store the printed digest somewhere
            else: it is what later proves that the log (or this file) was not rewritten.
            """);
        CommonOptions.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(country);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (CommonOptions.OpenStore(parseResult) is not var (dataSource, store))
            {
                return ExitCodes.UsageOrEnvironment;
            }

            var file = parseResult.GetValue(output)!;
            await using (dataSource)
            {
                try
                {
                    await using var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    var total = await store.CountReadableEventsAsync(parseResult.GetValue(country), cancellationToken);
                    var digest = await Progress.RunAsync("exporting", total, p => store.ExportAsync(stream, parseResult.GetValue(country), p, cancellationToken));
                    Console.WriteLine($"exported {Counted.Of(digest.Events, "event")} to {file.FullName}");
                    Console.WriteLine($"digest: {digest.Events}:{digest.Sha256}");
                    return ExitCodes.Ok;
                }
                catch (Exception e) when (e is NpgsqlException or IOException or UnauthorizedAccessException or ArgumentException)
                {
                    Console.Error.WriteLine($"error: cannot export: {e.Message}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

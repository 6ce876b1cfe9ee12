using System.CommandLine;
using Npgsql;
using StartupFund.EventStore.Audit;

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
        var horizonWait = LogHorizon.WaitOption();
        CommonOptions.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(country);
        command.Options.Add(horizonWait);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (CommonOptions.OpenStore(parseResult) is not var (dataSource, store))
            {
                return ExitCodes.UsageOrEnvironment;
            }

            var file = parseResult.GetValue(output)!;
            if (Directory.Exists(file.FullName))
            {
                Console.Error.WriteLine($"error: --out names a directory: {file.FullName}");
                return ExitCodes.UsageOrEnvironment;
            }

            await using (dataSource)
            {
                // Written beside the file and moved over it only when complete: a failed export leaves the last good one.
                var partial = file.FullName + ".partial";
                try
                {
                    if (!await LogHorizon.ReadyAsync(store, parseResult.GetValue(horizonWait), "an export", cancellationToken))
                    {
                        return ExitCodes.UsageOrEnvironment;
                    }

                    LogDigest digest;
                    await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                    {
                        var total = await store.CountReadableEventsAsync(parseResult.GetValue(country), cancellationToken);
                        digest = await Progress.RunAsync("exporting", total, p => store.ExportAsync(stream, parseResult.GetValue(country), p, cancellationToken));
                    }

                    File.Move(partial, file.FullName, overwrite: true);
                    Console.WriteLine($"exported {Counted.Of(digest.Events, "event")} to {file.FullName}");
                    Console.WriteLine($"digest: {digest.Events}:{digest.Sha256}");
                    return ExitCodes.Ok;
                }
                catch (Exception e) when (e is NpgsqlException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
                {
                    File.Delete(partial);
                    Console.Error.WriteLine($"error: cannot export: {DatabaseErrors.Describe(e)}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

using System.CommandLine;
using Npgsql;
using StartupFund.EventStore.Hashing;

namespace StartupFund.Cli;

internal static class VerifyCommand
{
    public static Command Create()
    {
        var stream = new Option<string?>("--stream") { Description = "Verify only this stream." };
        var country = new Option<string?>("--country") { Description = "Verify only this country's streams (ISO 3166-1 alpha-2, e.g. KE)." };
        var command = new Command("verify", """
            Recompute every event's hash from the stored rows and check each stream's chain.
            Exit code 0: clean; 1: tampering found (the first broken version of each stream is listed); 2: usage or connection error.
            """);
        CommonOptions.AddTo(command);
        command.Options.Add(stream);
        command.Options.Add(country);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            VerificationScope scope;
            try
            {
                scope = (parseResult.GetValue(stream), parseResult.GetValue(country)) switch
                {
                    ({ } id, null) => VerificationScope.Stream(id),
                    (null, { } code) => VerificationScope.ForCountry(code),
                    (null, null) => VerificationScope.Everything,
                    _ => throw new ArgumentException("give --stream or --country, not both"),
                };
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
                    var report = await store.VerifyAsync(scope, cancellationToken);
                    Console.WriteLine($"checked {report.EventsChecked:N0} events in {report.StreamsChecked:N0} streams");
                    if (report.IsClean)
                    {
                        Console.WriteLine("clean: every hash chain verifies");
                        return ExitCodes.Ok;
                    }

                    foreach (var broken in report.Breaks)
                    {
                        Console.WriteLine($"BROKEN {broken.StreamId} at version {broken.Version}: {broken.Reason}");
                    }

                    return ExitCodes.VerificationFailed;
                }
                catch (NpgsqlException e)
                {
                    Console.Error.WriteLine($"error: cannot verify: {e.Message}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

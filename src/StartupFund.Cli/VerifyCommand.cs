using System.CommandLine;
using Npgsql;
using StartupFund.EventStore.Audit;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;
using StartupFund.EventStore.Hashing;

namespace StartupFund.Cli;

internal static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file")
        {
            Description = "An export file to verify offline, with no database. Without it, the database is verified.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var stream = new Option<string?>("--stream") { Description = "Database: verify only this stream." };
        var country = new Option<string?>("--country") { Description = "Database: verify only this country's streams (ISO 3166-1 alpha-2, e.g. KE)." };
        var extends = new Option<string?>("--extends")
        {
            Description = "A digest kept from earlier (EVENTS:SHA256, as 'digest' and 'export' print it): also prove the log or file still begins with exactly those events.",
        };
        var command = new Command("verify", """
            Recompute every event's hash and check each stream's chain: in the database, or offline in an export file.
            Exit code 0: clean; 1: tampering found (each broken stream's first broken version, or the file's line, is listed);
            2: usage or connection error.
            """);
        CommonOptions.AddTo(command);
        command.Arguments.Add(file);
        command.Options.Add(stream);
        command.Options.Add(country);
        command.Options.Add(extends);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            LogDigest? trusted = null;
            if (parseResult.GetValue(extends) is { } text)
            {
                if (!TrustedDigest.TryParse(text, out var digest, out var error))
                {
                    Console.Error.WriteLine($"error: {error}");
                    return ExitCodes.UsageOrEnvironment;
                }

                trusted = digest;
            }

            if (parseResult.GetValue(file) is { } exportFile)
            {
                if (parseResult.GetValue(stream) is not null || parseResult.GetValue(country) is not null)
                {
                    Console.Error.WriteLine("error: --stream and --country choose what to verify in the database; an export file is verified whole "
                        + "(to check one country offline, export it with 'export --country').");
                    return ExitCodes.UsageOrEnvironment;
                }

                return await VerifyFileAsync(exportFile, trusted);
            }

            if (trusted is not null && parseResult.GetValue(stream) is not null)
            {
                Console.Error.WriteLine("error: a digest covers the whole log or one country, never one stream: give --extends without --stream, "
                    + "or with the --country the digest was taken of.");
                return ExitCodes.UsageOrEnvironment;
            }

            return await VerifyDatabaseAsync(parseResult, parseResult.GetValue(stream), parseResult.GetValue(country), trusted, cancellationToken);
        });
        return command;
    }

    private static async Task<int> VerifyFileAsync(FileInfo file, LogDigest? trusted)
    {
        if (InputFile.IsMissing(file))
        {
            return ExitCodes.UsageOrEnvironment;
        }

        using var reader = file.OpenText();
        var report = await Progress.RunAsync("verifying", p => ExportFileVerifier.VerifyAsync(reader, trusted, p));
        Console.WriteLine($"checked {Counted.Of(report.EventsChecked, "event")} in {Counted.Of(report.StreamsChecked, "stream")} from {file.Name}");
        Console.WriteLine($"digest of the file's events: {report.Recomputed.Events}:{report.Recomputed.Sha256}");
        if (report.IsClean)
        {
            Console.WriteLine(trusted is null
                ? "clean: every hash, every stream head and the file's digest verify"
                : $"clean: every hash verifies and the file extends the trusted digest of {Counted.Of(trusted.Events, "event")}");
            return ExitCodes.Ok;
        }

        foreach (var broken in report.Breaks)
        {
            Console.WriteLine($"BROKEN {broken}");
        }

        return ExitCodes.VerificationFailed;
    }

    private static async Task<int> VerifyDatabaseAsync(ParseResult parseResult, string? streamId, string? country, LogDigest? trusted, CancellationToken cancellationToken)
    {
        VerificationScope scope;
        try
        {
            scope = (streamId, country) switch
            {
                ({ } id, null) => VerificationScope.Stream(id),
                (null, { } code) => VerificationScope.ForCountry(new CountryCode(code).Value),
                (null, null) => VerificationScope.Everything,
                _ => throw new ArgumentException("give --stream or --country, not both"),
            };
        }
        catch (Exception e) when (e is ArgumentException or DomainException)
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
                if (streamId is not null && await store.GetStreamAsync(streamId, cancellationToken) is null)
                {
                    Console.Error.WriteLine($"error: there is no stream '{streamId}'");
                    return ExitCodes.UsageOrEnvironment;
                }

                var report = await store.VerifyAsync(scope, cancellationToken);
                Console.WriteLine($"checked {Counted.Of(report.EventsChecked, "event")} in {Counted.Of(report.StreamsChecked, "stream")}");
                foreach (var broken in report.Breaks)
                {
                    Console.WriteLine($"BROKEN {broken.StreamId} at version {broken.Version}: {broken.Reason}");
                }

                var extendsTrusted = trusted is null || await store.ExtendsAsync(trusted, country, cancellationToken);
                if (!extendsTrusted)
                {
                    var of = country is null ? "the whole log" : $"country {country}";
                    Console.WriteLine($"BROKEN {of} does not begin with the {Counted.Of(trusted!.Events, "event")} of the trusted digest: history was rewritten, "
                        + $"or the digest is not one of {of} (a digest checks only the scope it was taken of: 'digest' for the whole log, 'digest --country KE' for one country)");
                }

                if (report.IsClean && extendsTrusted)
                {
                    Console.WriteLine(report.EventsChecked == 0 ? $"nothing to verify: no events in {(country is null ? "the log" : "country " + country)}"
                        : trusted is null ? "clean: every hash chain verifies" : "clean: every hash chain verifies and the log extends the trusted digest");
                    return ExitCodes.Ok;
                }

                return ExitCodes.VerificationFailed;
            }
            catch (NpgsqlException e)
            {
                Console.Error.WriteLine($"error: cannot verify: {DatabaseErrors.Describe(e)}");
                return ExitCodes.UsageOrEnvironment;
            }
        }
    }
}

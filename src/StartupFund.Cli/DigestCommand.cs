using System.CommandLine;
using Npgsql;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Cli;

internal static class DigestCommand
{
    public static Command Create()
    {
        var country = new Option<string?>("--country") { Description = "Digest only this country's streams." };
        var command = new Command("digest", """
            Print the digest of the log as it stands: how many events it covers, the log position it reaches and one
            SHA-256 over them. Keep it outside the database; 'verify --extends N:SHA256' later proves the log
            still begins with exactly those events.
            """);
        var horizonWait = LogHorizon.WaitOption();
        CommonOptions.AddTo(command);
        command.Options.Add(country);
        command.Options.Add(horizonWait);
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
                    var only = parseResult.GetValue(country) is { } code ? new CountryCode(code).Value : null;
                    if (!await LogHorizon.ReadyAsync(store, parseResult.GetValue(horizonWait), "a digest", cancellationToken))
                    {
                        return ExitCodes.UsageOrEnvironment;
                    }

                    var digest = await store.ComputeDigestAsync(only, null, cancellationToken);
                    Console.WriteLine($"events:      {digest.Events}");
                    Console.WriteLine($"covered up to: {digest.CoveredUpTo}");
                    Console.WriteLine($"digest:      {digest.Events}:{digest.Sha256}");
                    return ExitCodes.Ok;
                }
                catch (Exception e) when (e is NpgsqlException or ArgumentException or DomainException)
                {
                    Console.Error.WriteLine($"error: {DatabaseErrors.Describe(e)}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

using System.CommandLine;
using Npgsql;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;
using StartupFund.Ledger.Audit;

namespace StartupFund.Cli;

internal static class VerifyReadModelsCommand
{
    private const int MaxShown = 20;

    public static Command Create()
    {
        var country = new Option<string?>("--country") { Description = "Only this country (ISO 3166-1 alpha-2, e.g. KE)." };
        var command = new Command("verify-read-models", """
            Check that the ledger's live read models (funds, fund balances, applications, country balances, portfolios) are
            exactly what the event log gives: every answer the API would serve from the tables is compared with the same
            answer folded afresh from the events. Exit code 1 on any difference, each one listed. Run it on a quiet ledger:
            a command that lands between the two reads shows as a difference.
            """);
        CommonOptions.AddTo(command);
        command.Options.Add(country);
        command.Options.Add(CommonOptions.ReadSchema);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            CountryCode? only = null;
            try
            {
                only = parseResult.GetValue(country) is { } code ? new CountryCode(code) : null;
            }
            catch (Exception e) when (e is DomainException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.UsageOrEnvironment;
            }

            if (CommonOptions.OpenLedger(parseResult) is not var (dataSource, ledger))
            {
                return ExitCodes.UsageOrEnvironment;
            }

            await using (dataSource)
            {
                try
                {
                    var report = await new ReadModelCheck(ledger).RunAsync(only, cancellationToken);
                    var scope = $"{Counted.Of(report.Funds, "fund")}, {Counted.Of(report.Applications, "application")}, {Counted.Of(report.Countries, "country", "countries")}";
                    if (report.IsFaithful)
                    {
                        Console.WriteLine($"faithful: the read models of {scope} are exactly what the log gives");
                        return ExitCodes.Ok;
                    }

                    Console.WriteLine($"DIFFERS: {Counted.Of(report.Differences.Count, "answer")} of the read models ({scope}) {(report.Differences.Count == 1 ? "is" : "are")} not what the log gives");
                    foreach (var difference in report.Differences.Take(MaxShown))
                    {
                        Console.WriteLine($"  {difference.What}:");
                        foreach (var change in JsonDiff.Changes(difference.Live, difference.FromLog))
                        {
                            Console.WriteLine($"    {change.Path}: read model {change.Left ?? "(absent)"}, from log {change.Right ?? "(absent)"}");
                        }
                    }

                    return ExitCodes.VerificationFailed;
                }
                catch (NpgsqlException e)
                {
                    Console.Error.WriteLine($"error: {DatabaseErrors.Describe(e)}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

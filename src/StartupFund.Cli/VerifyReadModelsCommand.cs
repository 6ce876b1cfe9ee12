using System.CommandLine;
using Npgsql;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger;
using StartupFund.Ledger.Audit;

namespace StartupFund.Cli;

internal static class VerifyReadModelsCommand
{
    private const int MaxShown = 20;

    public static Command Create()
    {
        var country = new Option<string?>("--country") { Description = "Only this country (ISO 3166-1 alpha-2, e.g. KE)." };
        var readSchema = new Option<string>("--read-schema")
        {
            Description = "PostgreSQL schema that holds the ledger's read models.",
            DefaultValueFactory = _ => "ledger",
        };
        var command = new Command("verify-read-models", """
            Check that the ledger's live read models (funds, fund balances, applications, country balances, portfolios) are
            exactly what the event log gives: every answer the API would serve from the tables is compared with the same
            answer folded afresh from the events. Exit code 1 on any difference, each one listed. Run it on a quiet ledger:
            a command that lands between the two reads shows as a difference.
            """);
        CommonOptions.AddTo(command);
        command.Options.Add(country);
        command.Options.Add(readSchema);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            CountryCode? only = null;
            SchemaName read;
            try
            {
                only = parseResult.GetValue(country) is { } code ? new CountryCode(code) : null;
                read = new SchemaName(parseResult.GetValue(readSchema)!);
            }
            catch (Exception e) when (e is DomainException or ArgumentException)
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
                    var ledger = new StartupFundLedger(dataSource, new LedgerOptions { EventSchema = store.Schema, ReadSchema = read });
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
                        Console.WriteLine($"  {difference.What}");
                        Console.WriteLine($"    read model: {difference.Live ?? "(absent)"}");
                        Console.WriteLine($"    from log:   {difference.FromLog ?? "(absent)"}");
                    }

                    return ExitCodes.VerificationFailed;
                }
                catch (NpgsqlException e)
                {
                    Console.Error.WriteLine($"error: {e.Message}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }
}

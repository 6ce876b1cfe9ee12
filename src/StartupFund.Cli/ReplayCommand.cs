using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using StartupFund.Domain;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;
using StartupFund.EventStore.Audit;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Views;

namespace StartupFund.Cli;

/// <summary>The answer of <c>replay --json</c>: every fund and, per country, its balance and whole portfolio as of an instant.</summary>
internal sealed record ReplayResult(Instant AsOf, long Events, IReadOnlyList<FundView> Funds, IReadOnlyList<ReplayCountry> Countries);

internal sealed record ReplayCountry(string Country, CountryBalanceView Balance, PortfolioView Portfolio);

internal static class ReplayCommand
{
    private static readonly JsonSerializerOptions Indented = new(LedgerJson.Api) { WriteIndented = true };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "An export file (from 'export')." };
        var asOf = new Option<string>("--as-of")
        {
            Description = "The instant to rebuild, ISO-8601 UTC (2026-03-31T23:59:59Z): every event recorded at or before it, nothing after.",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON (the same shapes as the API's ?asOf= answers) instead of tables." };
        var country = new Option<string?>("--country") { Description = "Only this country (ISO 3166-1 alpha-2, e.g. KE)." };
        var extends = new Option<string?>("--extends")
        {
            Description = "A digest kept from earlier (EVENTS:SHA256): refuse the file unless it begins with exactly those events.",
        };
        var command = new Command("replay", """
            Rebuild the fund balances and portfolios as they were at an instant from an export file alone (no database).
            The file is verified first (every hash, the log order and its digest); a file that does not verify is refused
            (exit code 1). The figures equal the API's GET /funds/{id}?asOf=, /countries/{code}/balance?asOf= and
            /countries/{code}/portfolio?asOf= answers for the same instant: the same folds, the same view shapes.
            """);
        command.Arguments.Add(file);
        command.Options.Add(asOf);
        command.Options.Add(json);
        command.Options.Add(country);
        command.Options.Add(extends);
        command.SetAction(async (parseResult, _) =>
        {
            var input = parseResult.GetValue(file)!;
            var instant = InstantPattern.ExtendedIso.Parse(parseResult.GetValue(asOf)!);
            if (!instant.Success)
            {
                Console.Error.WriteLine("error: --as-of must be an ISO-8601 UTC instant such as 2026-03-31T23:59:59Z.");
                return ExitCodes.UsageOrEnvironment;
            }

            CountryCode? only = null;
            if (parseResult.GetValue(country) is { } code)
            {
                try
                {
                    only = new CountryCode(code);
                }
                catch (DomainException e)
                {
                    Console.Error.WriteLine($"error: --country: {e.Message}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }

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

            if (InputFile.IsMissing(input))
            {
                return ExitCodes.UsageOrEnvironment;
            }

            using (var reader = input.OpenText())
            {
                if (await ExportFile.ReadExportedAtAsync(reader) is { } exportedAt && instant.Value > exportedAt)
                {
                    Console.Error.WriteLine($"error: --as-of {InstantPattern.ExtendedIso.Format(instant.Value)} is after {input.Name} was exported "
                        + $"({InstantPattern.ExtendedIso.Format(exportedAt)}): the file cannot say what happened since. Give an instant up to its export, or export again.");
                    return ExitCodes.UsageOrEnvironment;
                }
            }

            using (var reader = input.OpenText())
            {
                var report = await Progress.RunAsync("verifying", p => ExportFileVerifier.VerifyAsync(reader, trusted, p));
                if (!report.IsClean)
                {
                    Console.Error.WriteLine($"refused: {input.Name} does not verify ({Counted.Of(report.Breaks.Count, "problem")}; run 'verify {input.Name}' for each):");
                    Console.Error.WriteLine($"  {report.Breaks[0]}");
                    return ExitCodes.VerificationFailed;
                }
            }

            var model = new AsOfReadModel(instant.Value);
            using (var reader = input.OpenText())
            {
                await foreach (var line in ExportFile.ReadAsync(reader))
                {
                    if (line.Kind != "event")
                    {
                        continue;
                    }

                    var e = line.Json;
                    var recordedAt = InstantPattern.ExtendedIso.Parse(e.GetProperty("recordedAt").GetString()!).Value;
                    var type = e.GetProperty("type").GetString()!;
                    model.Apply(e.GetProperty("streamId").GetString()!, e.GetProperty("version").GetInt64(),
                        LedgerAudit.Deserialize(type, e.GetProperty("data").GetRawText()), recordedAt);
                }
            }

            var result = Result(model, only);
            if (parseResult.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, Indented));
            }
            else
            {
                PrintTables(result);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static ReplayResult Result(AsOfReadModel model, CountryCode? only)
    {
        var countries = model.Countries.Where(c => only is null || c == only.Value.Value).Select(c => new CountryCode(c)).ToList();
        var funds = model.FundIds.Select(id => model.Fund(new FundId(id))!).Where(f => only is null || f.Country == only.Value.Value).ToList();
        return new ReplayResult(model.AsOf, model.EventsApplied, funds,
            [.. countries.Select(c => new ReplayCountry(c.Value, model.CountryBalance(c), model.WholePortfolio(c)))]);
    }

    private static void PrintTables(ReplayResult result)
    {
        Console.WriteLine($"as of {InstantPattern.ExtendedIso.Format(result.AsOf)}: {Counted.Of(result.Events, "event")} replayed");
        if (result.Countries.Count == 0)
        {
            Console.WriteLine("nothing to show: no fund of the countries asked for had been opened by then");
        }

        foreach (var country in result.Countries)
        {
            Console.WriteLine();
            Console.WriteLine($"== {country.Country}: fund balances (from the journal)");
            Tables.Print(["fund", "currency", "committed", "called", "received", "cash on hand", "reserved", "disbursed", "available"],
                country.Balance.Funds.Select(f => new[]
                {
                    f.FundId, f.Figures.Currency, A(f.Figures.Committed), A(f.Figures.Called), A(f.Figures.Received), A(f.Figures.CashOnHand),
                    A(f.Figures.Reserved), A(f.Figures.Disbursed), A(f.Figures.AvailableToCommit),
                }));
            Console.WriteLine($"== {country.Country}: portfolio ({country.Portfolio.Companies.Count} funded startups)");
            Tables.Print(["application", "fund", "startup", "sector", "stage", "status", "approved", "disbursed", "reserved", "co-invested"],
                country.Portfolio.Companies.Select(c => new[]
                {
                    c.ApplicationId, c.FundId, c.Startup, c.Sector, Wording.Wire(c.Stage), Wording.Wire(c.Status), A(c.Approved), A(c.Disbursed), A(c.Reserved),
                    A(c.CoInvestmentReceived),
                }));
            var pipeline = country.Portfolio.Pipeline;
            Console.WriteLine($"   pipeline: {string.Join(", ", pipeline.CountsByStatus.Select(p => $"{p.Key} {p.Value}"))}; decided {pipeline.Decided}, "
                + $"median days to decision {pipeline.MedianDaysToDecision ?? "-"}");
        }
    }

    private static string A(Money money) => money.ToDecimalString();
}

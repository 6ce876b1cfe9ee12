using System.CommandLine;
using System.Text.Json;
using Npgsql;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;
using StartupFund.EventStore;
using StartupFund.Ledger;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Json;

namespace StartupFund.Cli;

internal static class AuditSummaryCommand
{
    private static readonly JsonSerializerOptions Indented = new(LedgerJson.Api) { WriteIndented = true };

    public static Command Create()
    {
        var country = new Option<string>("--country") { Description = "The country to summarise (ISO 3166-1 alpha-2, e.g. KE).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var horizonWait = LogHorizon.WaitOption();
        var command = new Command("audit-summary", """
            Bring the per-country audit summary projection up to the end of the log (or, while 'run-projections' keeps it,
            wait for that runner to reach the end),
            then print one country's summary: events per type per day, approvals and disbursements per month, and the
            largest single disbursements. 'rebuild-projections --verify' checks the summary is faithful to the log.
            """);
        CommonOptions.AddTo(command);
        command.Options.Add(country);
        command.Options.Add(json);
        command.Options.Add(horizonWait);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            CountryCode code;
            try
            {
                code = new CountryCode(parseResult.GetValue(country)!);
            }
            catch (DomainException e)
            {
                Console.Error.WriteLine($"error: --country: {e.Message}");
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
                    if (!await LogHorizon.ReadyAsync(store, parseResult.GetValue(horizonWait), "a summary", cancellationToken))
                    {
                        return ExitCodes.UsageOrEnvironment;
                    }

                    var summary = new AuditSummary(LedgerStore(dataSource, store));
                    var applied = await summary.CatchUpAsync(cancellationToken);
                    var view = await summary.ReadAsync(code, cancellationToken);
                    if (parseResult.GetValue(json))
                    {
                        Console.WriteLine(JsonSerializer.Serialize(view, Indented));
                        return ExitCodes.Ok;
                    }

                    Console.WriteLine($"audit summary of {code.Value} ({applied:N0} new events applied)");
                    Console.WriteLine();
                    Console.WriteLine("events per type per day");
                    Tables.Print(["day", "event type", "events"], view.EventsPerDay.Select(d => new[] { d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.EventType, N(d.Events) }));
                    Console.WriteLine();
                    Console.WriteLine("approvals and disbursements per month");
                    Tables.Print(["month", "currency", "approvals", "approved", "disbursements", "disbursed"], view.MoneyPerMonth.Select(m => new[]
                    {
                        m.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), m.Currency, N(m.Approvals), m.Approved.ToDecimalString(), N(m.Disbursements), m.Disbursed.ToDecimalString(),
                    }));
                    Console.WriteLine();
                    Console.WriteLine($"largest single disbursements (top {AuditSummaryProjection.LargestKept})");
                    Tables.Print(["amount", "currency", "fund", "application", "tranche", "recorded at", "position"], view.LargestDisbursements.Select(d => new[]
                    {
                        d.Amount.ToDecimalString(), d.Amount.Currency.Code, d.FundId, d.ApplicationId, N(d.Tranche), d.RecordedAt.ToString(), N(d.Position),
                    }));
                    return ExitCodes.Ok;
                }
                catch (Exception e) when (e is NpgsqlException or EventStoreException)
                {
                    Console.Error.WriteLine($"error: {DatabaseErrors.Describe(e)}");
                    return ExitCodes.UsageOrEnvironment;
                }
            }
        });
        return command;
    }

    /// <summary>The store as the ledger opens it: its event types registered, so projections can read domain events.</summary>
    public static EventStore.EventStore LedgerStore(NpgsqlDataSource dataSource, EventStore.EventStore store) =>
        new StartupFundLedger(dataSource, new LedgerOptions { EventSchema = store.Schema }).Store;

    private static string N(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using StartupFund.Domain;
using StartupFund.Domain.Values;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Seeding;
using StartupFund.Testing;

namespace StartupFund.Cli.Tests;

/// <summary>
/// <c>replay FILE --as-of T</c> from an export alone equals what the API answers for <c>?asOf=T</c> (the
/// ledger's <see cref="LedgerAudit.AsOfAsync"/> over the database), at several instants, and at the end
/// equals the live read models themselves.
/// </summary>
public sealed class ReplayCommandTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly string[] Countries = ["DE", "JP", "KE", "KW"];
    private readonly string directory = Directory.CreateTempSubdirectory("startupfund-replay-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Replay_of_an_export_equals_the_asOf_answers_and_at_the_end_the_live_views()
    {
        var start = Instant.FromUtc(2026, 3, 1, 0, 0);
        var ledger = new StartupFundLedger(database.DataSource, new LedgerOptions
        {
            EventSchema = new SchemaName("rp_events"), ReadSchema = new SchemaName("rp_ledger"), Clock = new TickingClock(start, Duration.FromMinutes(1)),
        });
        await ledger.MigrateAsync();
        await new DemoSeed(ledger).RunAsync();
        var end = ledger.Clock.GetCurrentInstant();
        await WaitUntilReadableAsync(ledger, "rp_events");
        var file = Path.Combine(directory, "all.jsonl");
        (await CliProcess.RunAsync(database.ConnectionString, "export", "--schema", "rp_events", "--out", file)).ExitCode.ShouldBe(0);
        var audit = new LedgerAudit(ledger.Store);

        var lastRecorded = await database.ScalarAsync<DateTime>("select max(recorded_at) from rp_events.events");
        var span = Instant.FromDateTimeUtc(lastRecorded) - start;
        Instant[] instants = [start, start + (span / 4), start + (span / 2), start + (span * 3 / 4), end];
        foreach (var at in instants)
        {
            var replay = await CliProcess.RunAsync(null, "replay", file, "--as-of", InstantPattern.ExtendedIso.Format(at), "--json");
            replay.ExitCode.ShouldBe(0, replay.ToString());
            var json = JsonDocument.Parse(replay.Output).RootElement;
            var expected = await audit.AsOfAsync(at);
            var funds = json.GetProperty("funds").EnumerateArray().ToList();
            funds.Select(f => f.GetProperty("fundId").GetString()).ShouldBe(expected.FundIds);
            foreach (var fund in funds)
            {
                Same(fund, expected.Fund(new FundId(fund.GetProperty("fundId").GetString()!)), $"fund as of {at}");
            }

            var countries = json.GetProperty("countries").EnumerateArray().ToDictionary(c => c.GetProperty("country").GetString()!);
            countries.Keys.Order().ShouldBe(expected.Countries);
            foreach (var (code, country) in countries)
            {
                Same(country.GetProperty("balance"), expected.CountryBalance(new CountryCode(code)), $"{code} balance as of {at}");
                Same(country.GetProperty("portfolio"), expected.Portfolio(new CountryCode(code), null, 200), $"{code} portfolio as of {at}");
            }

            if (at == end)
            {
                countries.Keys.Order().ShouldBe(Countries);
                foreach (var code in Countries)
                {
                    Same(countries[code].GetProperty("balance"), await ledger.Queries.CountryBalanceAsync(new CountryCode(code)), $"{code} live balance");
                    Same(countries[code].GetProperty("portfolio"), await ledger.Queries.PortfolioAsync(new CountryCode(code), null, 200), $"{code} live portfolio");
                }

                foreach (var fund in funds)
                {
                    Same(fund, await ledger.Queries.GetFundAsync(new FundId(fund.GetProperty("fundId").GetString()!)), "live fund");
                }
            }
        }

        var first = JsonDocument.Parse((await CliProcess.RunAsync(null, "replay", file, "--as-of", InstantPattern.ExtendedIso.Format(start), "--json")).Output);
        first.RootElement.GetProperty("events").GetInt64().ShouldBe(0);

        var tables = await CliProcess.RunAsync(null, "replay", file, "--as-of", InstantPattern.ExtendedIso.Format(end), "--country", "KE");
        tables.ExitCode.ShouldBe(0, tables.ToString());
        tables.Output.ShouldContain("== KE: fund balances");
        tables.Output.ShouldContain("== KE: portfolio");
        tables.Output.ShouldContain("fullyPaid", Case.Sensitive, "statuses and stages as the API spells them");
        tables.Output.ShouldContain("seriesA", Case.Sensitive);
        tables.Output.ShouldNotContain("FullyPaid", Case.Sensitive);
        tables.Output.ShouldNotContain("== DE");
    }

    [Fact]
    public async Task Replay_refuses_a_tampered_file_and_a_bad_instant()
    {
        var file = Path.Combine(directory, "tiny.jsonl");
        var ledger = new StartupFundLedger(database.DataSource, new LedgerOptions
        {
            EventSchema = new SchemaName("rp_tiny"), ReadSchema = new SchemaName("rp_tiny_ledger"), Clock = new TickingClock(Instant.FromUtc(2026, 3, 1, 0, 0), Duration.FromMinutes(1)),
        });
        await ledger.MigrateAsync();
        await new DemoSeed(ledger).RunAsync();
        await WaitUntilReadableAsync(ledger, "rp_tiny");
        (await CliProcess.RunAsync(database.ConnectionString, "export", "--schema", "rp_tiny", "--out", file)).ExitCode.ShouldBe(0);
        var lines = (await File.ReadAllLinesAsync(file)).ToList();
        lines.RemoveAt(3);
        var tampered = Path.Combine(directory, "tampered.jsonl");
        await File.WriteAllLinesAsync(tampered, lines);

        var refused = await CliProcess.RunAsync(null, "replay", tampered, "--as-of", "2026-06-01T00:00:00Z");
        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Error.ShouldContain("does not verify");
        (await CliProcess.RunAsync(null, "replay", file, "--as-of", "soon")).ExitCode.ShouldBe(2);
        (await CliProcess.RunAsync(null, "replay", file, "--as-of", "2026-06-01T00:00:00Z", "--extends", "12:abc")).ExitCode.ShouldBe(2);
        var digest = (await ledger.Store.ComputeDigestAsync(maxEvents: 5)).Sha256;
        (await CliProcess.RunAsync(null, "replay", file, "--as-of", "2026-06-01T00:00:00Z", "--extends", $"5:{digest}")).ExitCode.ShouldBe(0);
        (await CliProcess.RunAsync(null, "replay", file, "--as-of", "2026-06-01T00:00:00Z", "--extends", $"5:{new string('0', 64)}")).ExitCode.ShouldBe(1);
        (await CliProcess.RunAsync(null, "replay", file)).ExitCode.ShouldNotBe(0);

        // A file cannot tell what happened after it was written, so an instant past its export is refused, not answered with its last figures.
        var future = await CliProcess.RunAsync(null, "replay", file, "--as-of", "2999-01-01T00:00:00Z");
        future.ExitCode.ShouldBe(2, future.ToString());
        future.Error.ShouldContain("is after tiny.jsonl was exported");

        // The database's scopes are not silently ignored on a file.
        var scoped = await CliProcess.RunAsync(null, "verify", file, "--country", "DE");
        scoped.ExitCode.ShouldBe(2, scoped.ToString());
        scoped.Error.ShouldContain("an export file is verified whole");
        (await CliProcess.RunAsync(null, "verify", file)).ExitCode.ShouldBe(0);
    }

    /// <summary>An export covers the log below the cluster-wide commit horizon: wait until that is every event written.</summary>
    private async Task WaitUntilReadableAsync(StartupFundLedger ledger, string schema)
    {
        var total = await database.ScalarAsync<long>($"select count(*) from {schema}.events");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await ledger.Store.ComputeDigestAsync()).Events < total)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the log horizon did not reach the events written");
            await Task.Delay(20);
        }
    }

    private static void Same<T>(JsonElement actual, T expected, string what) =>
        JsonSerializer.Serialize(actual).ShouldBe(JsonSerializer.Serialize(JsonSerializer.SerializeToElement(expected, LedgerJson.Api)), what);
}

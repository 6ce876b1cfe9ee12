using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;
using NodaTime;
using StartupFund.Domain;
using StartupFund.Domain.Events;
using StartupFund.Domain.Values;
using StartupFund.EventStore;
using StartupFund.EventStore.Audit;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;
using StartupFund.EventStore.Serialization;
using StartupFund.Ledger;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Seeding;
using Store = StartupFund.EventStore.EventStore;

namespace StartupFund.Benchmarks;

/// <summary>
/// The regulator's paths over a large log (artifacts/bench/audit.json): rebuilding the audit
/// summary projection from position 0, verifying an export offline, and replaying fund balances
/// and portfolios as of an instant from the export alone. The log is the demo ledger (four
/// countries, funds and applications in every state) copied with fresh ids until it holds the
/// requested number of events, appended through the event store so every hash chains.
/// </summary>
public static class AuditBenchmark
{
    private const string BenchDatabase = "startupfund_bench_audit";

    public static async Task<BenchResults> RunAsync(string serverConnectionString, int targetEvents, string workDirectory)
    {
        var results = new BenchResults("audit.json");
        await using var dataSource = await BenchDatabases.CreateFreshAsync(serverConnectionString, BenchDatabase);
        results.PostgresVersion = (string)(await dataSource.CreateCommand("select version()").ExecuteScalarAsync())!;

        Console.WriteLine($"building a log of about {targetEvents:N0} events from copies of the demo ledger...");
        var ledger = new StartupFundLedger(dataSource);
        await ledger.MigrateAsync();
        await new DemoSeed(ledger).RunAsync();
        var store = new Store(dataSource, new EventStoreOptions { Schema = ledger.Store.Schema, Events = Registry(), Json = LedgerJson.Storage });
        var (built, buildSeconds) = await Timed(() => CopyDemoAsync(store, targetEvents));
        results.Add("audit_log_events", built, "events", $"built in {buildSeconds:N0} s");

        Console.WriteLine("rebuilding the audit summary projection from position 0...");
        var (rebuild, rebuildSeconds) = await Timed(() =>
            new ProjectionRebuilder(store, new AuditSummaryProjection()).RebuildAsync(verifyOnly: false, Duration.FromMinutes(1)));
        results.Add("rebuild_events_per_s", rebuild.EventsApplied / rebuildSeconds, "events/s", Goal(rebuild.EventsApplied / rebuildSeconds));

        var file = Path.Combine(workDirectory, "audit-bench-export.jsonl");
        try
        {
            Console.WriteLine("exporting and verifying the export offline...");
            var (digest, exportSeconds) = await Timed(async () =>
            {
                await using var output = File.Create(file);
                return await store.ExportAsync(output);
            });
            results.Add("export_events_per_s", digest.Events / exportSeconds, "events/s");
            var (report, verifySeconds) = await Timed(async () =>
            {
                using var reader = File.OpenText(file);
                return await ExportFileVerifier.VerifyAsync(reader);
            });
            if (!report.IsClean)
            {
                throw new InvalidOperationException($"benchmark export does not verify: {report.Breaks[0]}");
            }

            results.Add("offline_verify_events_per_s", report.EventsChecked / verifySeconds, "events/s", Goal(report.EventsChecked / verifySeconds));

            Console.WriteLine("replaying balances and portfolios as of now from the file...");
            var (countries, replaySeconds) = await Timed(() => ReplayAsync(file, SystemClock.Instance.GetCurrentInstant()));
            results.Add("replay_asof_s", replaySeconds, "s", $"verify the file, fold {report.EventsChecked:N0} events, {countries} countries' views");
        }
        finally
        {
            File.Delete(file);
        }

        return results;
    }

    private static string Goal(double eventsPerSecond) => $">= 100,000 ({(eventsPerSecond >= 100_000 ? "met" : "NOT met")})";

    /// <summary>What `startupfund replay FILE --as-of T` does: verify the file, fold it, compute every country's views.</summary>
    private static async Task<int> ReplayAsync(string file, Instant asOf)
    {
        using (var verifying = File.OpenText(file))
        {
            if (!(await ExportFileVerifier.VerifyAsync(verifying)).IsClean)
            {
                throw new InvalidOperationException("the export does not verify");
            }
        }

        var model = new AsOfReadModel(asOf);
        using (var reader = File.OpenText(file))
        {
            await foreach (var line in ExportFile.ReadAsync(reader))
            {
                if (line.Kind == "event")
                {
                    var e = line.Json;
                    model.Apply(e.GetProperty("streamId").GetString()!, e.GetProperty("version").GetInt64(),
                        LedgerAudit.Deserialize(e.GetProperty("type").GetString()!, e.GetProperty("data").GetRawText()),
                        LedgerAudit.ParseInstant("recordedAt", e.GetProperty("recordedAt").GetString()!));
                }
            }
        }

        var countries = model.Countries.Select(c => new CountryCode(c)).ToList();
        foreach (var country in countries)
        {
            _ = model.CountryBalance(country);
            _ = model.WholePortfolio(country);
        }

        return countries.Count;
    }

    /// <summary>Appends copies of every demo stream, ids suffixed per copy, 8 copies at a time, until the target is reached.</summary>
    private static async Task<long> CopyDemoAsync(Store store, int targetEvents)
    {
        var streams = new List<(StreamInfo Info, List<RecordedEvent> Events)>();
        await using (var command = store.DataSource.CreateCommand($"select id from {store.Schema.Quoted}.streams order by id"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var id = reader.GetString(0);
                streams.Add(((await store.GetStreamAsync(id))!, [.. await store.ReadStreamAsync(id)]));
            }
        }

        var demoEvents = streams.Sum(s => s.Events.Count);
        var ids = streams.Select(s => s.Info.Id[(s.Info.Id.IndexOf(':', StringComparison.Ordinal) + 1)..]).ToList();
        var idPattern = new Regex($"\"({string.Join('|', ids.Select(Regex.Escape))})\"", RegexOptions.CultureInvariant);
        var templates = streams.Select(s => (s.Info, Events: s.Events.Select(e => (e.Alias, Json: System.Text.Json.JsonSerializer.Serialize(e.Data, e.Data.GetType(), LedgerJson.Storage))).ToList())).ToList();
        var copies = Math.Max(1, (targetEvents - demoEvents) / demoEvents);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var copy = Interlocked.Increment(ref next); copy <= copies; copy = Interlocked.Increment(ref next))
            {
                var suffix = $"-c{copy}";
                var appends = templates.Select(t => new StreamAppend(
                    t.Info.Id + suffix, t.Info.Type, t.Info.Country, ExpectedVersion.NoStream,
                    [.. t.Events.Select(e => LedgerAudit.Deserialize(e.Alias, idPattern.Replace(e.Json, m => $"\"{m.Groups[1].Value}{suffix}\"")))])).ToList();
                await store.AppendAsync(appends);
            }
        })));
        return demoEvents * (copies + 1L);
    }

    private static EventTypeRegistry Registry()
    {
        var registry = new EventTypeRegistry();
        foreach (var (type, alias) in EventAliases.All)
        {
            registry.Register(type, alias);
        }

        return registry;
    }

    private static async Task<(T Result, double Seconds)> Timed<T>(Func<Task<T>> action)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await action();
        return (result, stopwatch.Elapsed.TotalSeconds);
    }
}

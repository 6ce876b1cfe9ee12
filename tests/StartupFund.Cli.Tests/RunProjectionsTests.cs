using System.Collections.Concurrent;
using System.Diagnostics;
using StartupFund.Domain.Events;
using StartupFund.EventStore;
using StartupFund.EventStore.Serialization;
using StartupFund.Ledger.Json;
using StartupFund.Testing;

namespace StartupFund.Cli.Tests;

public sealed class RunProjectionsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task When_the_leading_process_is_killed_the_waiting_one_takes_over_and_every_event_is_counted_once()
    {
        (await CliProcess.RunAsync(database.ConnectionString, "seed")).ExitCode.ShouldBe(0);
        using var first = LongRunning.Start(database.ConnectionString, "run-projections");
        await first.WaitForAsync("leading");
        using var second = LongRunning.Start(database.ConnectionString, "run-projections");
        await second.WaitForAsync("waiting to lead");
        await WaitUntilCountedAsync();

        first.Kill();
        await second.WaitForAsync("leading");
        await CopyStreamAsync("application:de-app-aleph", "application:de-app-aleph-copy");
        var (counted, logged) = await WaitUntilCountedAsync();

        counted.ShouldBe(logged);
        second.Output.ShouldNotContain("error");

        // While a runner keeps the summary, audit-summary waits for that runner's checkpoint instead of waiting to lead.
        var summary = await CliProcess.RunAsync(database.ConnectionString, "audit-summary", "--country", "DE");
        summary.ExitCode.ShouldBe(0, summary.ToString());
        summary.Output.ShouldContain("audit summary of DE");
    }

    /// <summary>The audit summary counts every event once per (country, day, type): its total must reach the log's size.</summary>
    private async Task<(long Counted, long Logged)> WaitUntilCountedAsync()
    {
        long counted = 0, logged = 0;
        for (var attempt = 0; attempt < 600; attempt++)
        {
            logged = await database.ScalarAsync<long>("select count(*) from eventstore.events");
            counted = await database.ScalarAsync<long>("select coalesce(sum(events), 0)::bigint from eventstore.audit_events_per_day");
            if (counted >= logged && logged > 0)
            {
                return (counted, logged);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the audit summary counted {counted} of {logged} events");
    }

    private async Task CopyStreamAsync(string from, string to)
    {
        var registry = new EventTypeRegistry();
        foreach (var (type, alias) in EventAliases.All)
        {
            registry.Register(type, alias);
        }

        var store = new EventStore.EventStore(database.DataSource, new EventStoreOptions { Events = registry, Json = LedgerJson.Storage });
        var source = (await store.GetStreamAsync(from))!;
        var events = await store.ReadStreamAsync(from);
        await store.AppendAsync(new StreamAppend(to, source.Type, source.Country, ExpectedVersion.NoStream, [.. events.Select(e => e.Data)]));
    }

    /// <summary>A CLI process that keeps running; its output is collected as it comes.</summary>
    private sealed class LongRunning : IDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> lines = new();

        private LongRunning(Process process) => this.process = process;

        public string Output => string.Join('\n', lines);

        public static LongRunning Start(string database, params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "startupfund.dll"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["STARTUPFUND_DB"] = database;
            var running = new LongRunning(Process.Start(start)!);
            running.process.OutputDataReceived += (_, e) => { if (e.Data is not null) { running.lines.Enqueue(e.Data); } };
            running.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { running.lines.Enqueue("stderr: " + e.Data); } };
            running.process.BeginOutputReadLine();
            running.process.BeginErrorReadLine();
            return running;
        }

        public async Task WaitForAsync(string text)
        {
            for (var attempt = 0; attempt < 1_200 && !lines.Any(l => l.Contains(text, StringComparison.Ordinal)); attempt++)
            {
                process.HasExited.ShouldBeFalse($"the process ended early:\n{Output}");
                await Task.Delay(50);
            }

            Output.ShouldContain(text);
        }

        /// <summary>SIGKILL: no clean-up runs, exactly like a crash.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}

using Npgsql;
using StartupFund.Reliability.Tests.Harness;
using StartupFund.Testing;
using Xunit.Abstractions;

namespace StartupFund.Reliability.Tests;

/// <summary>
/// kill -9 of the API process in the middle of a concurrent command load, then a restart: nothing
/// acknowledged is lost or doubled, nothing is half-written, and the interrupted commands, retried
/// with their own Idempotency-Keys, complete exactly once.
/// </summary>
[Collection(OneAtATime.Name)]
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Clients = 8;
    private const int AcknowledgedBeforeKill = 150;

    private readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_killed_API_loses_nothing_acknowledged_and_retried_commands_complete_exactly_once()
    {
        var seed = Seeds.Choose("STARTUPFUND_CRASH_SEED");
        output.WriteLine($"seed {seed} (set STARTUPFUND_CRASH_SEED to repeat the load)");
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 30, Timeout = 5 }.ConnectionString;
        var tokens = new Tokens();
        await using var api = new ApiProcess(connectionString, tokens.ApiEnvironment);
        using var client = new ApiClient(api.BaseAddress, tokens, TimeSpan.FromSeconds(30));
        var phases = new Phases(output);
        await api.StartAsync(client);
        phases.Done("API started");
        var setup = new List<CommandRecord>();
        await Setup.OpenSharedFundsAsync(client, setup);

        using var load = new CommandLoad(client, Clients, seed);
        phases.Done("funds opened");
        load.Start();
        await load.WaitForAcknowledgedAsync(AcknowledgedBeforeKill, TimeSpan.FromSeconds(90));
        phases.Done("load until the kill");
        await api.KillAsync();
        await load.AbandonAsync(TimeSpan.FromSeconds(30));
        phases.Done("killed");
        var loadRecords = load.Records;
        var inFlight = loadRecords.Where(r => r.InFlight).ToList();
        loadRecords.Where(r => r.Answers.Any(a => a.Status >= 500)).ShouldBeEmpty("no answer may be a 5xx while the API runs");

        await api.StartAsync(client);
        phases.Done("restarted");
        var committedBeforeKill = 0;
        foreach (var command in inFlight)
        {
            var retry = await client.SendAsync(command.Request);
            command.Add(retry);
            retry.IsSuccess.ShouldBeTrue($"the retry of an interrupted command must complete: {command}\n{api.RecentOutput}");
            if (retry.Header("Idempotent-Replayed") == "true")
            {
                committedBeforeKill++;
            }

            var again = await client.SendAsync(command.Request);
            again.Status.ShouldBe(retry.Status);
            again.Body.ShouldBe(retry.Body);
            again.Header("Idempotent-Replayed").ShouldBe("true");
        }

        phases.Done("in-flight retried");
        var all = setup.Concat(loadRecords).ToList();
        var eventsBeforeReplays = await database.ScalarAsync<long>("select count(*) from eventstore.events");
        var replayed = 0;
        foreach (var command in all.Where(c => c.Acknowledged && !inFlight.Contains(c)))
        {
            var first = command.Final!;
            var retry = await client.SendAsync(command.Request);
            retry.Status.ShouldBe(first.Status, command.ToString());
            retry.Body.ShouldBe(first.Body, command.ToString());
            retry.Header("Idempotent-Replayed").ShouldBe("true", command.ToString());
            replayed++;
        }

        (await database.ScalarAsync<long>("select count(*) from eventstore.events")).ShouldBe(eventsBeforeReplays, "replays write nothing");

        phases.Done("acknowledged replayed");
        var figures = await LedgerChecks.AssertConsistentAsync(connectionString, all);
        phases.Done("ledger checked");
        output.WriteLine($"{loadRecords.Count} load commands from {Clients} clients; killed after {load.Acknowledged} acknowledged; "
            + $"{inFlight.Count} in flight at the kill ({committedBeforeKill} had committed, {inFlight.Count - committedBeforeKill} had not); "
            + $"{replayed} acknowledged commands replayed unchanged; {figures}");
        inFlight.Count.ShouldBeGreaterThan(0, "the kill must interrupt some commands");
    }
}

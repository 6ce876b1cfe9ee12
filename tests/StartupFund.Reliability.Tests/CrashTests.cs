using Npgsql;
using StartupFund.Reliability.Tests.Harness;
using StartupFund.Testing;
using Xunit.Abstractions;

namespace StartupFund.Reliability.Tests;

/// <summary>
/// kill -9 of the API process in the middle of a concurrent command load, then a restart, twice
/// over: nothing acknowledged is lost or doubled, nothing is half-written, and the interrupted
/// commands, retried with their own Idempotency-Keys, complete exactly once.
/// </summary>
[Collection(OneAtATime.Name)]
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Kills = 2;
    private const int Clients = 8;
    private const int AcknowledgedBeforeEachKill = 150;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

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
        await using var api = new ApiProcess(connectionString, tokens.ApiEnvironment, accessLog: false);
        using var client = new ApiClient(api.BaseAddress, tokens, TimeSpan.FromSeconds(30));
        var phases = new Phases(output);
        await api.StartAsync();
        var commands = new List<CommandRecord>();
        await Setup.OpenSharedFundsAsync(client, commands);
        phases.Done("API started, funds opened");

        var interrupted = new List<CommandRecord>();
        var committedBeforeKill = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            using var load = new CommandLoad(client, Clients, seed + kill, name: $"k{kill}");
            load.Start();
            await load.WaitForAcknowledgedAsync(AcknowledgedBeforeEachKill, Deadline);
            await api.KillAsync();
            await load.AbandonAsync(TimeSpan.FromSeconds(30));
            var records = load.Records;
            records.Where(r => r.Answers.Any(a => a.Status >= 500)).ShouldBeEmpty("no answer may be a 5xx while the API runs");
            commands.AddRange(records);
            var inFlight = records.Where(r => r.InFlight).ToList();
            interrupted.AddRange(inFlight);

            await api.StartAsync();
            foreach (var command in inFlight)
            {
                var retry = await client.SendAsync(command.Request);
                command.Add(retry);
                retry.IsSuccess.ShouldBeTrue($"the retry of an interrupted command must complete: {command}\n{api.RecentOutput}");
                committedBeforeKill += retry.Header("Idempotent-Replayed") == "true" ? 1 : 0;

                var again = await client.SendAsync(command.Request);
                again.Status.ShouldBe(retry.Status);
                again.Body.ShouldBe(retry.Body);
                again.Header("Idempotent-Replayed").ShouldBe("true");
            }

            phases.Done($"kill {kill}: {load.Acknowledged} acknowledged, {inFlight.Count} in flight, restarted, retried");
        }

        interrupted.Count.ShouldBeGreaterThan(0, "the kills must interrupt some commands");
        var eventsBeforeReplays = await database.ScalarAsync<long>("select count(*) from eventstore.events");
        var replayed = 0;
        foreach (var command in commands.Where(c => c.Acknowledged && !interrupted.Contains(c)))
        {
            var first = command.Final!;
            var retry = await client.SendAsync(command.Request);
            retry.Status.ShouldBe(first.Status, command.ToString());
            retry.Body.ShouldBe(first.Body, command.ToString());
            retry.Header("Idempotent-Replayed").ShouldBe("true", command.ToString());
            replayed++;
        }

        (await database.ScalarAsync<long>("select count(*) from eventstore.events")).ShouldBe(eventsBeforeReplays, "replays write nothing");
        phases.Done($"{replayed} acknowledged commands replayed");

        var figures = await LedgerChecks.AssertConsistentAsync(connectionString, commands);
        phases.Done("ledger checked");
        output.WriteLine($"{commands.Count} commands, {Kills} kills under {Clients} clients; {interrupted.Count} in flight at the kills "
            + $"({committedBeforeKill} had committed, {interrupted.Count - committedBeforeKill} had not); "
            + $"{replayed} acknowledged commands replayed unchanged; {figures}");
    }
}

using StartupFund.Reliability.Tests.Harness;
using StartupFund.Testing;
using Xunit.Abstractions;

namespace StartupFund.Reliability.Tests;

/// <summary>
/// PostgreSQL stopped (fast shutdown: every session cut) and started again under a command load, on
/// a private cluster so no other test notices: while it is down the API answers 503 with a stable
/// code and Retry-After, never a 500; afterwards it recovers by itself and nothing acknowledged is lost.
/// </summary>
[Collection(OneAtATime.Name)]
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    private const int Clients = 6;
    private const int AcknowledgedPerPhase = 80;
    private const int UnavailableAnswersWanted = 20;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task While_the_database_is_down_the_API_answers_503_and_afterwards_recovers_with_nothing_acknowledged_lost()
    {
        var seed = Seeds.Choose("STARTUPFUND_RESTART_SEED");
        output.WriteLine($"seed {seed} (set STARTUPFUND_RESTART_SEED to repeat the load)");
        var phases = new Phases(output);
        await using var postgres = await PrivatePostgres.CreateAsync();
        phases.Done("private PostgreSQL created");
        var tokens = new Tokens();
        await using var api = new ApiProcess(postgres.ConnectionString, tokens.ApiEnvironment, accessLog: false);
        using var client = new ApiClient(api.BaseAddress, tokens, TimeSpan.FromSeconds(30));
        await api.StartAsync();
        var setup = new List<CommandRecord>();
        await Setup.OpenSharedFundsAsync(client, setup);
        phases.Done("API started, funds opened");

        using var load = new CommandLoad(client, Clients, seed);
        load.Start();
        await load.WaitForAcknowledgedAsync(AcknowledgedPerPhase, Deadline);
        phases.Done("load before the stop");

        await postgres.StopAsync();
        var acknowledgedAtStop = load.Acknowledged;
        var unavailableAtStop = load.UnavailableAnswers;
        await load.WaitForUnavailableAsync(unavailableAtStop + UnavailableAnswersWanted, Deadline);
        var probes = await ProbeWhileDownAsync(client);
        // answers to commands that committed just before the shutdown may still arrive after it
        var acknowledgedWhileDown = load.Acknowledged - acknowledgedAtStop;
        phases.Done("database down");

        await postgres.StartAsync();
        await api.WaitReadyAsync();
        phases.Done("database up, API ready");
        await load.WaitForAcknowledgedAsync(load.Acknowledged + AcknowledgedPerPhase, Deadline);
        await load.DrainAsync(Deadline);
        phases.Done("load after the restart, drained");

        var records = load.Records;
        var answers = records.SelectMany(r => r.Answers).ToList();
        answers.Where(a => !a.Answered).ShouldBeEmpty("every request is answered, database or not");
        answers.Where(a => a.Status >= 500 && a.Status != 503).ShouldBeEmpty("never a 500");
        foreach (var unavailable in answers.Where(a => a.Status == 503))
        {
            ShouldBeUnavailableProblem(unavailable);
        }

        records.Where(r => r.InFlight).ShouldBeEmpty("a drained load leaves no command unsettled");
        var retriedAfter503 = records.Where(r => r.Answers.Any(a => a.Status == 503)).ToList();
        retriedAfter503.Where(r => !r.Acknowledged).ShouldBeEmpty("every command refused with 503 completes when retried");
        var committedDespite503 = retriedAfter503.Count(r => r.Final!.Header("Idempotent-Replayed") == "true");

        var figures = await LedgerChecks.AssertConsistentAsync(postgres.ConnectionString, [.. setup, .. records]);
        phases.Done("ledger checked");
        output.WriteLine($"{records.Count} load commands from {Clients} clients, {answers.Count} answers; "
            + $"{answers.Count(a => a.Status == 503)} answers 503 while the database was down ({acknowledgedWhileDown} acknowledged after the stop returned), "
            + $"{probes} probes 503; {retriedAfter503.Count} commands retried after a 503 and completed "
            + $"({committedDespite503} of them had committed before the connection was cut); {figures}");
    }

    /// <summary>Queries, commands, an export and readiness all say 503 while the database is away.</summary>
    [Fact]
    public async Task An_API_started_before_its_database_waits_for_it_and_one_that_waits_in_vain_says_why_in_one_line()
    {
        await using var postgres = await PrivatePostgres.CreateAsync();
        await postgres.StopAsync();
        var tokens = new Tokens();

        var impatient = new Dictionary<string, string>(tokens.ApiEnvironment) { ["StartupFund__DatabaseWaitSeconds"] = "1" };
        await using (var gaveUp = new ApiProcess(postgres.ConnectionString, impatient, accessLog: false))
        {
            var refused = await Should.ThrowAsync<InvalidOperationException>(gaveUp.StartAsync());
            refused.Message.ShouldContain("exited with code 1");
            refused.Message.ShouldContain("StartupFund API cannot run: the database did not answer within 1 s");
            refused.Message.ShouldNotContain("Unhandled exception");
        }

        var patient = new Dictionary<string, string>(tokens.ApiEnvironment) { ["StartupFund__DatabaseWaitSeconds"] = "50" };
        await using var api = new ApiProcess(postgres.ConnectionString, patient, accessLog: false);
        var starting = api.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        starting.IsCompleted.ShouldBeFalse("the API waits for its database rather than give up");
        await postgres.StartAsync();
        await starting;
        using var client = new ApiClient(api.BaseAddress, tokens, TimeSpan.FromSeconds(30));
        (await client.SendAsync(new ApiRequest(HttpMethod.Get, "/funds", Identities.Admin))).Status.ShouldBe(200);
    }

    private static async Task<int> ProbeWhileDownAsync(ApiClient client)
    {
        var fund = FundSpec.Shared[0];
        var probes = new[]
        {
            new ApiRequest(HttpMethod.Get, "/health/ready", null),
            new ApiRequest(HttpMethod.Get, $"/funds/{fund.Id}", Identities.FundManager(fund.Country)),
            // A download too: a 503 before its first byte, not a 200 whose file is cut after the header.
            new ApiRequest(HttpMethod.Get, $"/audit/export?country={fund.Country}", Identities.Regulator(fund.Country)),
            ApiRequest.Command($"/funds/{fund.Id}/capital-calls", Identities.FundManager(fund.Country),
                $$"""{"callId":"probe","sponsorId":"gov","amount":{{fund.Money(1)}},"dueDate":"{{Dates.InDays(30)}}"}"""),
        };
        foreach (var probe in probes)
        {
            var reply = await client.SendAsync(probe);
            reply.Status.ShouldBe(503, $"{probe} answered {reply}");
            ShouldBeUnavailableProblem(reply);
        }

        return probes.Length;
    }

    private static void ShouldBeUnavailableProblem(ApiReply reply)
    {
        reply.MediaType.ShouldBe("application/problem+json", reply.ToString());
        reply.Code.ShouldBe("server.unavailable", reply.ToString());
        reply.Header("Retry-After").ShouldNotBeNull(reply.ToString());
    }
}

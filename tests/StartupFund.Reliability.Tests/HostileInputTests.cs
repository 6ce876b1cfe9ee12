using Npgsql;
using StartupFund.Reliability.Tests.Fuzz;
using StartupFund.Reliability.Tests.Harness;
using StartupFund.Testing;
using Xunit.Abstractions;

namespace StartupFund.Reliability.Tests;

/// <summary>
/// Ten thousand generated and mutated requests to every POST endpoint of the real API process, and
/// thousands of hostile reads of every GET endpoint: no answer is a 5xx, none hangs, every refusal is a
/// ProblemDetails with a code, and the event log is unchanged by every refused request and every read
/// (checked after each batch against the log itself).
/// </summary>
[Collection(OneAtATime.Name)]
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 10_000;
    private const int FormRequests = 2_000;
    private const int GetRequests = 3_000;
    private const int KnownPostEndpoints = 23;
    private const int KnownGetEndpoints = 16;
    private const int BatchesPerTargetGeneration = 5;
    private static readonly TimeSpan PerRequestTimeout = TimeSpan.FromSeconds(20);

    private readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Ten_thousand_hostile_requests_to_every_POST_endpoint_get_no_5xx_no_hang_and_refused_ones_write_nothing()
    {
        var seed = Seeds.Choose("STARTUPFUND_FUZZ_SEED");
        output.WriteLine($"seed {seed} (set STARTUPFUND_FUZZ_SEED to send the same requests again)");
        var phases = new Phases(output);
        var tokens = new Tokens();
        await using var api = new ApiProcess(database.ConnectionString, tokens.ApiEnvironment, accessLog: false);
        using var client = new ApiClient(api.BaseAddress, tokens, PerRequestTimeout);
        await api.StartAsync();
        await Targets.CreateFundsAsync(client);
        var document = await client.GetAsync("/openapi/v1.json");
        document.Status.ShouldBe(200);
        var endpoints = PostEndpoints.From(document.Body);
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(KnownPostEndpoints, "the OpenAPI document lists every POST endpoint");
        var described = endpoints.Select(e => e.Template).ToHashSet(StringComparer.Ordinal);
        EndpointInventory.PostRoutes(database.ConnectionString, tokens.SigningKey)
            .Where(route => !described.Contains(route) && !Judge.IsWebApp(route))
            .ShouldBeEmpty("a POST route outside the web app that the OpenAPI document leaves out would escape this test");
        phases.Done($"API started, targets created, {endpoints.Count} POST endpoints read from /openapi/v1.json");

        var generator = new HostileRequests(endpoints, seed);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var results = await FuzzBatches.RunAsync(client, dataSource, generator.Next, Requests, nextBatch: async batch =>
        {
            if (batch % BatchesPerTargetGeneration == 0)
            {
                generator.Generation = batch / BatchesPerTargetGeneration;
                await Targets.CreateApplicationsAsync(client, generator.Generation);
            }
        });
        results.Failures.ShouldBeEmpty($"seed {seed}:\n{string.Join("\n", results.Failures.Take(10))}\n{api.RecentOutput}");
        phases.Done($"{results.Replies.Count} hostile requests sent");
        (await client.GetAsync("/health/ready")).Status.ShouldBe(200, "the API still serves after the fuzzing");
        var figures = await LedgerChecks.AssertSoundAsync(dataSource);
        phases.Done("ledger checked");

        foreach (var endpoint in endpoints)
        {
            results.Replies.Count(r => r.Case.Endpoint == endpoint.Template).ShouldBeGreaterThanOrEqualTo(Requests / endpoints.Count, endpoint.Template);
        }

        FuzzReport.Write(output, results, figures);
    }

    [Fact]
    public async Task Hostile_form_posts_to_every_web_app_POST_route_get_no_5xx_no_hang_and_write_nothing()
    {
        var seed = Seeds.Choose("STARTUPFUND_FUZZ_SEED");
        output.WriteLine($"seed {seed} (set STARTUPFUND_FUZZ_SEED to send the same requests again)");
        var tokens = new Tokens();
        var routes = EndpointInventory.PostRoutes(database.ConnectionString, tokens.SigningKey).Where(Judge.IsWebApp).ToList();
        await using var api = new ApiProcess(database.ConnectionString, tokens.ApiEnvironment, accessLog: false);
        using var client = new ApiClient(api.BaseAddress, tokens, PerRequestTimeout);
        await api.StartAsync();
        await Targets.CreateFundsAsync(client);
        await Targets.CreateApplicationsAsync(client, generation: 0);
        output.WriteLine($"{routes.Count} web app POST routes: {string.Join(", ", routes)}");
        if (routes.Count == 0)
        {
            return;
        }

        var session = await FormSession.OpenAsync(client, "/app/signin");
        var generator = new HostileRequests([.. routes.Select(r => new PostEndpoint(r, null, IsForm: true))], seed, session);
        // first every route with every hostile return address (the same each run), then the random mix
        var sweep = generator.ReturnAddressSweep().ToList();
        var swept = await FuzzBatches.SendAsync(client, sweep);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var results = await FuzzBatches.RunAsync(client, dataSource, generator.Next, FormRequests, nextBatch: _ => Task.CompletedTask);
        results.Failures.InsertRange(0, swept.Select(r => Judge.Answer(r.Case, r.Reply)).OfType<string>());
        results.Replies.InsertRange(0, swept);
        results.Failures.ShouldBeEmpty($"seed {seed}:\n{string.Join("\n", results.Failures.Take(10))}\n{api.RecentOutput}");
        results.AcceptedEvents.ShouldBe(0, "an anonymous form post writes nothing");
        (await client.GetAsync("/health/ready")).Status.ShouldBe(200, "the API still serves after the fuzzing");
        FuzzReport.Write(output, results, null);
    }

    [Fact]
    public async Task Three_thousand_hostile_GET_requests_to_every_GET_endpoint_get_no_5xx_no_hang_and_write_nothing()
    {
        var seed = Seeds.Choose("STARTUPFUND_FUZZ_SEED");
        output.WriteLine($"seed {seed} (set STARTUPFUND_FUZZ_SEED to send the same requests again)");
        var phases = new Phases(output);
        var tokens = new Tokens();
        await using var api = new ApiProcess(database.ConnectionString, tokens.ApiEnvironment, accessLog: false);
        using var client = new ApiClient(api.BaseAddress, tokens, PerRequestTimeout);
        await api.StartAsync();
        await Targets.CreateFundsAsync(client);
        await Targets.CreateApplicationsAsync(client, generation: 0);
        var document = await client.GetAsync("/openapi/v1.json");
        document.Status.ShouldBe(200);
        var endpoints = GetEndpoints.From(document.Body);
        endpoints.Count.ShouldBeGreaterThanOrEqualTo(KnownGetEndpoints, "the OpenAPI document lists every GET endpoint");
        var described = endpoints.Select(e => e.Template).ToHashSet(StringComparer.Ordinal);
        EndpointInventory.GetRoutes(database.ConnectionString, tokens.SigningKey)
            .Where(route => !described.Contains(route) && !GetEndpoints.IsLeftOut(route))
            .ShouldBeEmpty("a GET route of the API that the OpenAPI document leaves out would escape this test");
        var generator = new HostileGetRequests(endpoints, seed, asOf: DateTimeOffset.UtcNow);
        await generator.LearnCursorsAsync(client);
        phases.Done($"API started, targets created, {endpoints.Count} GET endpoints read from /openapi/v1.json, {generator.KnownCursors} real cursors read");

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var before = await LogState.ReadAsync(dataSource);
        var results = await FuzzBatches.RunAsync(client, dataSource, generator.Next, GetRequests, nextBatch: _ => Task.CompletedTask, readOnly: true);
        FuzzReport.Write(output, results, null);
        results.Failures.ShouldBeEmpty($"seed {seed}:\n{string.Join("\n", results.Failures.Take(10))}\n{api.RecentOutput}");
        (await LogState.ReadAsync(dataSource)).ShouldBe(before, "GET requests write nothing");
        phases.Done($"{results.Replies.Count} hostile GET requests sent");
        (await client.GetAsync("/health/ready")).Status.ShouldBe(200, "the API still serves after the fuzzing");

        foreach (var endpoint in endpoints)
        {
            results.Replies.Count(r => r.Case.Endpoint == endpoint.Template).ShouldBeGreaterThanOrEqualTo(GetRequests / endpoints.Count, endpoint.Template);
        }
    }
}

using System.Collections.Concurrent;
using Npgsql;
using StartupFund.Reliability.Tests.Fuzz;
using StartupFund.Reliability.Tests.Harness;
using StartupFund.Testing;
using Xunit.Abstractions;

namespace StartupFund.Reliability.Tests;

/// <summary>
/// Ten thousand generated and mutated requests to every POST endpoint of the real API process: no
/// answer is a 5xx, none hangs, every refusal is a ProblemDetails with a code, and the event log is
/// unchanged by every refused request (checked after each batch against the log itself).
/// </summary>
[Collection(OneAtATime.Name)]
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 10_000;
    private const int FormRequests = 2_000;
    private const int BatchSize = 250;
    private const int Workers = 8;
    private const int KnownPostEndpoints = 23;
    private const int BatchesPerTargetGeneration = 5;
    private static readonly TimeSpan PerRequestTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Statuses Kestrel itself answers, with no body, before our middleware sees the request.</summary>
    private static readonly int[] KestrelStatuses = [400, 413, 414, 431];

    private readonly TestDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    private sealed record LogState(long Events, long LastPosition, long IdempotencyRecords);

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
            .Where(route => !described.Contains(route) && !IsWebApp(route))
            .ShouldBeEmpty("a POST route outside the web app that the OpenAPI document leaves out would escape this test");
        phases.Done($"API started, targets created, {endpoints.Count} POST endpoints read from /openapi/v1.json");

        var generator = new HostileRequests(endpoints, seed);
        var (results, acceptedEvents, failures) = await FuzzAsync(client, generator, Requests, nextBatch: async batch =>
        {
            if (batch % BatchesPerTargetGeneration == 0)
            {
                generator.Generation = batch / BatchesPerTargetGeneration;
                await Targets.CreateApplicationsAsync(client, generator.Generation);
            }
        });
        failures.ShouldBeEmpty($"seed {seed}:\n{string.Join("\n", failures.Take(10))}\n{api.RecentOutput}");
        phases.Done($"{results.Count} hostile requests sent");
        (await client.GetAsync("/health/ready")).Status.ShouldBe(200, "the API still serves after the fuzzing");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var figures = await LedgerChecks.AssertSoundAsync(dataSource);
        phases.Done("ledger checked");

        foreach (var endpoint in endpoints)
        {
            results.Count(r => r.Case.Endpoint == endpoint.Template).ShouldBeGreaterThanOrEqualTo(Requests / endpoints.Count, endpoint.Template);
        }

        Report(results, acceptedEvents, figures);
    }

    [Fact]
    public async Task Hostile_form_posts_to_every_web_app_POST_route_get_no_5xx_no_hang_and_write_nothing()
    {
        var seed = Seeds.Choose("STARTUPFUND_FUZZ_SEED");
        output.WriteLine($"seed {seed} (set STARTUPFUND_FUZZ_SEED to send the same requests again)");
        var tokens = new Tokens();
        var routes = EndpointInventory.PostRoutes(database.ConnectionString, tokens.SigningKey).Where(IsWebApp).ToList();
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
        var swept = await SendAsync(client, sweep);
        var (results, acceptedEvents, failures) = await FuzzAsync(client, generator, FormRequests, nextBatch: _ => Task.CompletedTask);
        failures.InsertRange(0, swept.Select(r => Judge(r.Case, r.Reply)).OfType<string>());
        results.InsertRange(0, swept);
        failures.ShouldBeEmpty($"seed {seed}:\n{string.Join("\n", failures.Take(10))}\n{api.RecentOutput}");
        acceptedEvents.ShouldBe(0, "an anonymous form post writes nothing");
        (await client.GetAsync("/health/ready")).Status.ShouldBe(200, "the API still serves after the fuzzing");
        Report(results, acceptedEvents, null);
    }

    private static bool IsWebApp(string route) => route == "/app" || route.StartsWith("/app/", StringComparison.Ordinal);

    /// <summary>Sends the generator's requests in batches, judging every answer and the log after every batch.</summary>
    private async Task<(List<(FuzzCase Case, ApiReply Reply)> Results, long AcceptedEvents, List<string> Failures)> FuzzAsync(
        ApiClient client, HostileRequests generator, int requests, Func<int, Task> nextBatch)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var results = new List<(FuzzCase Case, ApiReply Reply)>();
        var failures = new List<string>();
        var acceptedEvents = 0L;
        for (var sent = 0; sent < requests && failures.Count == 0; sent += BatchSize)
        {
            await nextBatch(sent / BatchSize);
            var batch = Enumerable.Range(0, BatchSize).Select(_ => generator.Next()).ToList();
            var before = await StateAsync(dataSource);
            var replies = await SendAsync(client, batch);
            var after = await StateAsync(dataSource);
            results.AddRange(replies);
            failures.AddRange(replies.Select(r => Judge(r.Case, r.Reply)).OfType<string>());
            acceptedEvents += after.Events - before.Events;
            failures.AddRange(await LogFailuresAsync(dataSource, before, after, replies));
        }

        return (results, acceptedEvents, failures);
    }

    private static async Task<List<(FuzzCase Case, ApiReply Reply)>> SendAsync(ApiClient client, List<FuzzCase> batch)
    {
        var replies = new ConcurrentBag<(FuzzCase, ApiReply)>();
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (fuzzCase, token) =>
            replies.Add((fuzzCase, await client.SendAsync(fuzzCase.Request, token))));
        return [.. replies.OrderBy(r => r.Item1.Number)];
    }

    /// <summary>What is wrong with one answer, or null: a 5xx, a hang, a refusal that is not a ProblemDetails with a code.</summary>
    private static string? Judge(FuzzCase fuzzCase, ApiReply reply)
    {
        if (reply.NotSent)
        {
            return null;
        }

        if (!reply.Answered)
        {
            return $"{(reply.TimedOut ? "HANG" : "NO ANSWER")} {reply.Failure}: {fuzzCase}";
        }

        if (reply.Status >= 500)
        {
            return $"{reply.Status}: {fuzzCase}\n  -> {reply}";
        }

        // the web app answers people, not programs: a refused form post may be a redirect or a page
        if (reply.IsSuccess || IsWebApp(fuzzCase.Endpoint))
        {
            return null;
        }

        if (reply.Body.Length == 0)
        {
            return KestrelStatuses.Contains(reply.Status) ? null : $"{reply.Status} without a ProblemDetails: {fuzzCase}";
        }

        return reply.MediaType == "application/problem+json" && reply.Code is { Length: > 0 }
            ? null
            : $"{reply.Status} refusal is not a ProblemDetails with a code: {fuzzCase}\n  -> {reply}";
    }

    /// <summary>
    /// Every event written during the batch must carry the correlation id of a request that was
    /// answered 2xx (the API echoes the id it used); a batch refused throughout leaves the log as it was.
    /// </summary>
    private static async Task<List<string>> LogFailuresAsync(NpgsqlDataSource dataSource, LogState before, LogState after,
        List<(FuzzCase Case, ApiReply Reply)> replies)
    {
        var failures = new List<string>();
        var accepted = replies.Where(r => r.Reply.IsSuccess).ToList();
        var acceptedIds = accepted.Select(r => r.Reply.Header("X-Correlation-Id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (accepted.Count == 0 && after != before)
        {
            failures.Add($"a batch refused throughout changed the log: {before} -> {after}");
        }

        if (after.IdempotencyRecords - before.IdempotencyRecords > accepted.Count)
        {
            failures.Add($"{after.IdempotencyRecords - before.IdempotencyRecords} idempotency records for {accepted.Count} accepted requests");
        }

        await using var command = dataSource.CreateCommand(
            "select coalesce(metadata->>'correlationId', '(none)'), count(*) from eventstore.events where position > $1 group by 1");
        command.Parameters.Add(new NpgsqlParameter { Value = before.LastPosition });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var correlationId = reader.GetString(0);
            if (!acceptedIds.Contains(correlationId))
            {
                var culprit = replies.FirstOrDefault(r => r.Case.Request.CorrelationId == correlationId);
                failures.Add($"{reader.GetInt64(1)} events written by a refused request {correlationId}: {culprit.Case} -> {culprit.Reply}");
            }
        }

        return failures;
    }

    private static async Task<LogState> StateAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "select (select count(*) from eventstore.events), (select coalesce(max(position), 0) from eventstore.events), (select count(*) from ledger.idempotency)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new LogState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private void Report(List<(FuzzCase Case, ApiReply Reply)> results, long acceptedEvents, LedgerFigures? figures)
    {
        var refused = results.Count(r => r.Reply.Answered && !r.Reply.IsSuccess);
        output.WriteLine($"{results.Count} requests: {results.Count(r => r.Reply.IsSuccess)} accepted (writing {acceptedEvents} events), "
            + $"{refused} refused, {results.Count(r => r.Reply.NotSent)} not sendable by HttpClient; ledger after: {figures}");
        output.WriteLine("by status: " + string.Join(", ", results.GroupBy(r => r.Reply.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        output.WriteLine("by code: " + string.Join(", ", results.Where(r => r.Reply.Code is not null)
            .GroupBy(r => r.Reply.Code).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}")));
        output.WriteLine("by attack: " + string.Join(", ", results.GroupBy(r => r.Case.Attack).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()} ({g.Count(r => r.Reply.IsSuccess)} accepted)")));
    }
}

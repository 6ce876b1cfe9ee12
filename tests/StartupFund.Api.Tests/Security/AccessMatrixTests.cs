using Microsoft.AspNetCore.Authorization;
using StartupFund.Api.Tests.Support;

namespace StartupFund.Api.Tests.Security;

/// <summary>Every endpoint of the app x every persona, from the app's own endpoint list: a new endpoint without a row fails here.</summary>
public sealed class AccessMatrixTests(MatrixFixture api) : IClassFixture<MatrixFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => api.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Every_endpoint_carries_an_explicit_policy_or_is_one_of_the_few_public_ones()
    {
        var publicOnes = new[] { "GET /health/live", "GET /health/ready", "GET /openapi/{documentName}.json" };
        var endpoints = api.Endpoints();
        endpoints.Count.ShouldBeGreaterThan(30);
        foreach (var (key, endpoint) in endpoints.Where(e => !MatrixFixture.IsFrameworkFallback(e.Endpoint)))
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy));
            (anonymous || policy).ShouldBeTrue($"{key} ({endpoint.DisplayName}) has no explicit authorisation metadata");
            if (anonymous)
            {
                (publicOnes.Contains(key) || MatrixFixture.IsWebApp(key)).ShouldBeTrue($"{key} is open to anonymous callers");
            }
        }
    }

    [Fact]
    public async Task The_frameworks_file_fallback_carries_no_metadata_and_is_closed_by_the_fallback_policy()
    {
        api.Endpoints().Where(e => MatrixFixture.IsFrameworkFallback(e.Endpoint))
            .ShouldAllBe(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() == null);
        await api.WithToken(null).Get("/secrets.txt").ExpectProblem(401, "auth.unauthenticated");
    }

    [Fact]
    public void The_matrix_has_a_row_for_every_endpoint_and_no_other()
    {
        var keys = api.Endpoints().Where(e => !MatrixFixture.IsWebApp(e.Key) && !MatrixFixture.IsFrameworkFallback(e.Endpoint))
            .Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        keys.Except(AccessMatrix.Rows.Keys).ShouldBeEmpty("endpoints without a row in AccessMatrix");
        AccessMatrix.Rows.Keys.Except(keys).ShouldBeEmpty("rows of AccessMatrix naming no endpoint");
    }

    [Fact]
    public async Task Every_endpoint_answers_every_persona_as_the_roles_table_says()
    {
        var failures = new List<string>();
        var requests = 0;
        foreach (var (key, row) in AccessMatrix.Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var post = key.StartsWith("POST ", StringComparison.Ordinal);
            foreach (var persona in Personas.All.Keys)
            {
                var s = api.For(persona);
                var reply = post ? await s.Post(row.Path, row.Body) : await s.Get(row.Path);
                requests++;
                var expected = row.For(persona);
                if (!Matches(expected, post, reply))
                {
                    failures.Add($"{key} as {persona}: expected {expected}, got {reply.Status} {reply.Code}");
                }
            }
        }

        failures.ShouldBeEmpty($"{failures.Count} of {requests} requests answered against the table:\n" + string.Join("\n", failures));
        requests.ShouldBeGreaterThan(400);
    }

    private static bool Matches(Outcome expected, bool post, Reply reply) => expected switch
    {
        Outcome.Unauthenticated => reply.Status == 401 && reply.Code == "auth.unauthenticated",
        Outcome.Forbidden => reply.Status == 403 && reply.Code == "auth.forbidden",
        Outcome.Hidden => reply.Status == 404 && reply.Code is "application.not_found" or "resource.not_found",
        // Admitted: reads answer; commands reach the rules (a domain refusal is fine: the state moves on as the matrix runs).
        _ => post
            ? (reply.Status is >= 200 and < 300) || (reply.Status is 409 or 422 && reply.Code?.StartsWith("auth.", StringComparison.Ordinal) == false)
            : reply.Status == 200,
    };
}

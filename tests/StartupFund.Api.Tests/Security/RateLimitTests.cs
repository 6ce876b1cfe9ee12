using StartupFund.Api.Tests.Support;
using StartupFund.Security;

namespace StartupFund.Api.Tests.Security;

/// <summary>A tiny limit: three requests per caller per minute.</summary>
public sealed class TinyRateLimitFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimit:PermitsPerWindow"] = "3",
        ["RateLimit:WindowSeconds"] = "60",
    };
}

public sealed class RateLimitTests(TinyRateLimitFactory api) : IClassFixture<TinyRateLimitFactory>
{
    [Fact]
    public async Task A_caller_over_its_limit_gets_429_with_retry_after_while_others_and_health_go_on()
    {
        var greedy = api.As(new TokenIdentity("rl-greedy", [Roles.Admin]));
        for (var i = 0; i < 3; i++)
        {
            await greedy.Get("/funds").Expect(200);
        }

        var refused = await greedy.Get("/funds");
        refused.ExpectProblem(429, "request.rate_limited");
        int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        await greedy.Post("/funds", Builders.Fund("fund-rl", "DE", "EUR", "1", "100", new { preset = "none" })).ExpectProblem(429, "request.rate_limited");
        (await api.EventCountAsync()).ShouldBe(0);

        await api.As(new TokenIdentity("rl-patient", [Roles.Admin])).Get("/funds").Expect(200);
        await api.WithToken(null).Get("/health/live").Expect(200);
    }

    [Fact]
    public async Task Callers_without_a_token_share_the_limit_of_their_address()
    {
        var anonymous = api.WithToken(null);
        for (var i = 0; i < 3; i++)
        {
            await anonymous.Get("/funds/none").ExpectProblem(401, AuthErrorCodes.Unauthenticated);
        }

        await anonymous.Get("/funds/none").ExpectProblem(429, "request.rate_limited");
        await api.WithToken("not-a-token").Get("/funds/none").ExpectProblem(429, "request.rate_limited");
    }
}

using StartupFund.Api.Tests.Support;
using StartupFund.Security;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests.Security;

/// <summary>
/// The four-eyes rule counts people: a score is always the caller's own, so one manager cannot meet a
/// fund's minimum number of reviewer scores by scoring under several names.
/// </summary>
public sealed class ScoringTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_score_is_the_callers_own_and_one_person_cannot_score_twice()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-4eyes", "DE", "EUR", "1000.00", scores: 2);
        await ReviewedAsync(s, "app-4eyes", "fund-4eyes", "DE", "500.00", "EUR");
        var alice = api.As(new TokenIdentity("alice@fund.example", [Roles.FundManager], ["DE"]));
        var bob = api.As(new TokenIdentity("bob", [Roles.FundManager], ["DE"]));
        var events = await api.EventCountAsync();

        var impersonating = (await alice.Post("/applications/app-4eyes/scores", new { reviewerId = "carol", score = 5 })).ExpectProblem(403, "auth.forbidden");
        impersonating.Text.ShouldContain("You score as yourself");
        (await api.EventCountAsync()).ShouldBe(events);

        (await alice.Post("/applications/app-4eyes/scores", new { score = 4 })).Expect(200).Str("reviewerScores").ShouldBe("1");
        (await alice.Post("/applications/app-4eyes/scores", new { reviewerId = "alice@fund.example", score = 5 })).ExpectProblem(422, "score.already_given");
        (await alice.Post("/applications/app-4eyes/approval", Approval("EUR", "500.00"))).ExpectProblem(422, "approval.insufficient_scores");

        (await bob.Post("/applications/app-4eyes/scores", new { reviewerId = "bob", score = 3 })).Expect(200).Str("reviewerScores").ShouldBe("2");
        (await alice.Post("/applications/app-4eyes/approval", Approval("EUR", "500.00"))).Expect(200).Str("status").ShouldBe("approved");

        var history = (await api.Scenario().Get("/audit/streams/application:app-4eyes")).Expect(200);
        var reviewers = history["events"].EnumerateArray().Where(e => e.GetProperty("type").GetString() == "application-scored")
            .Select(e => e.GetProperty("data").GetProperty("reviewerId").GetProperty("value").GetString()).ToList();
        reviewers.ShouldBe(["alice@fund.example", "bob"]);
    }
}

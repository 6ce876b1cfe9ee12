using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests;

public sealed class ConcurrencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Twenty_parallel_approvals_against_room_for_seven_approve_exactly_seven()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-seven", "DE", "EUR", "700000.00");
        for (var i = 0; i < 20; i++)
        {
            await ReviewedAsync(s, $"app-{i:00}", "fund-seven", "DE", "100000.00", "EUR");
        }

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => api.Scenario().Post($"/applications/app-{i:00}/approval", Approval("EUR", "40000.00", "60000.00")))));

        replies.Count(r => r.Status == 200).ShouldBe(7, string.Join("\n", replies.Where(r => r.Status is not (200 or 422)).Select(r => r.Text)));
        replies.Where(r => r.Status != 200).ShouldAllBe(r => r.Status == 422 && r.Code == "fund.insufficient_available");
        var fund = (await s.Get("/funds/fund-seven/balance")).Expect(200);
        fund.Amount("figures.reserved").ShouldBe("700000.00");
        fund.Amount("figures.availableToCommit").ShouldBe("0.00");
        fund.Amount("figures.cashOnHand").ShouldBe("700000.00");
        fund.Str("version").ShouldBe("11");
        (await s.Get("/funds/fund-seven/trial-balance")).Expect(200).Str("balanced").ShouldBe("True");
        (await s.Get("/applications?fundId=fund-seven&status=approved&limit=200")).Expect(200)["items"].GetArrayLength().ShouldBe(7);
    }

    [Fact]
    public async Task If_match_makes_a_command_conditional_on_the_etag()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-etag", "DE", "EUR", "1000.00");
        var fund = (await s.Get("/funds/fund-etag")).Expect(200);
        fund.ETag.ShouldBe("\"4\"");
        // If-None-Match compares weakly: a proxy that weakened the tag still gets its 304.
        foreach (var (tags, status) in new[] { ("\"4\"", 304), ("W/\"4\"", 304), ("\"1\", \"4\"", 304), ("*", 304), ("\"3\"", 200), ("W/\"3\"", 200) })
        {
            using var conditional = new HttpRequestMessage(HttpMethod.Get, "/funds/fund-etag");
            conditional.Headers.TryAddWithoutValidation("If-None-Match", tags);
            conditional.Headers.Authorization = new("Bearer", api.Tokens.Mint(Cast.Admin));
            using var answer = await s.Client.SendAsync(conditional);
            ((int)answer.StatusCode).ShouldBe(status, $"If-None-Match: {tags}");
        }

        var stale = await s.Post("/funds/fund-etag/closure", new { reason = "done" }, ("If-Match", "\"3\""));
        stale.ExpectProblem(409, "concurrency.version_mismatch");
        stale.Str("currentVersion").ShouldBe("4");

        var closed = (await s.Post("/funds/fund-etag/closure", new { reason = "done" }, ("If-Match", fund.ETag!))).Expect(200);
        closed.ETag.ShouldBe("\"5\"");
        closed.Str("status").ShouldBe("closed");
    }
}

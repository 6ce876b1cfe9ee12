using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests;

public sealed class IdempotencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_retry_returns_the_first_response_and_writes_nothing()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-retry", "DE", "EUR", "1000.00");
        var body = new { sponsorId = "p", sponsorName = "Partner", kind = "technologyPartner", amount = Money("10.00", "EUR") };

        var first = (await s.Post("/funds/fund-retry/commitments", body, ("Idempotency-Key", "commit-1"))).Expect(200);
        var events = await api.EventCountAsync();
        var again = (await s.Post("/funds/fund-retry/commitments", body, ("Idempotency-Key", "commit-1"))).Expect(200);

        again.Text.ShouldBe(first.Text);
        again.ETag.ShouldBe(first.ETag);
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_body_with_a_byte_order_mark_is_read_and_is_the_same_request_as_without_one()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-bom", "DE", "EUR", "1000.00");
        var body = "{\"sponsorId\":\"p\",\"sponsorName\":\"Partner\",\"kind\":\"technologyPartner\",\"amount\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}";

        var first = (await s.PostRaw("/funds/fund-bom/commitments", "\uFEFF" + body, ("Idempotency-Key", "bom-1"))).Expect(200);
        var events = await api.EventCountAsync();
        var again = (await s.PostRaw("/funds/fund-bom/commitments", body, ("Idempotency-Key", "bom-1"))).Expect(200);

        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        again.Text.ShouldBe(first.Text);
        (await api.EventCountAsync()).ShouldBe(events);
        (await s.Get("/funds/fund-bom/balance")).Expect(200).Amount("figures.committed").ShouldBe("1010.00");
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-reuse", "DE", "EUR", "1000.00");
        await s.Post("/funds/fund-reuse/commitments", new { sponsorId = "p", sponsorName = "P", kind = "technologyPartner", amount = Money("10.00", "EUR") }, ("Idempotency-Key", "reuse-1")).Expect(200);
        var events = await api.EventCountAsync();

        (await s.Post("/funds/fund-reuse/commitments", new { sponsorId = "p", sponsorName = "P", kind = "technologyPartner", amount = Money("11.00", "EUR") }, ("Idempotency-Key", "reuse-1")))
            .ExpectProblem(422, "idempotency.key_reused");
        (await s.Post("/funds/fund-reuse/closure", new { reason = "x" }, ("Idempotency-Key", "reuse-1")))
            .ExpectProblem(422, "idempotency.key_reused");
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Another_caller_sending_a_used_key_with_the_same_body_is_refused_and_never_sees_the_first_response()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-other", "DE", "EUR", "1000.00");
        var body = new { sponsorId = "p", sponsorName = "Partner", kind = "technologyPartner", amount = Money("10.00", "EUR") };
        await api.As(Cast.Admin).Post("/funds/fund-other/commitments", body, ("Idempotency-Key", "shared-1")).Expect(200);
        var events = await api.EventCountAsync();

        var other = await api.As(Cast.Admin with { Subject = "test-admin-2" }).Post("/funds/fund-other/commitments", body, ("Idempotency-Key", "shared-1"));

        other.ExpectProblem(422, "idempotency.key_reused");
        other.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Parallel_identical_submissions_create_one_application_and_answer_identically()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-par", "DE", "EUR", "1000000.00");
        var body = Application("app-par", "fund-par", "DE", "1000.00", "EUR");
        var events = await api.EventCountAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => api.Scenario().Post("/applications", body, ("Idempotency-Key", "submit-par")))));

        replies.ShouldAllBe(r => r.Status == 201, string.Join("\n", replies.Select(r => r.Text)));
        replies.Select(r => r.Text).Distinct().Count().ShouldBe(1);
        replies.Select(r => r.ETag).Distinct().Count().ShouldBe(1);
        (await api.EventCountAsync()).ShouldBe(events + 1);
    }

    [Fact]
    public async Task Parallel_identical_approvals_reserve_once()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-par2", "DE", "EUR", "1000000.00");
        await ReviewedAsync(s, "app-par2", "fund-par2", "DE", "1000.00", "EUR");
        var events = await api.EventCountAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => api.Scenario().Post("/applications/app-par2/approval", Approval("EUR", "1000.00"), ("Idempotency-Key", "approve-par2")))));

        replies.ShouldAllBe(r => r.Status == 200, string.Join("\n", replies.Select(r => r.Text)));
        replies.Select(r => r.Text).Distinct().Count().ShouldBe(1);
        (await api.EventCountAsync()).ShouldBe(events + 2);
        (await s.Get("/funds/fund-par2/balance")).Expect(200).Amount("figures.reserved").ShouldBe("1000.00");
    }

    [Fact]
    public async Task Correlation_id_and_the_tokens_subject_as_actor_land_in_the_event_metadata_and_a_forged_actor_header_is_ignored()
    {
        var s = api.As(Cast.Admin with { Subject = "alice@fund.example" });
        var reply = await s.Post("/funds", Fund("fund-meta", "DE", "EUR", "1", "100", new { preset = "none" }),
            ("X-Correlation-Id", "corr-123"), ("X-Actor", "mallory@evil.example"), ("Idempotency-Key", "open-meta"));

        reply.Expect(201);
        reply.Headers.GetValues("X-Correlation-Id").ShouldBe(["corr-123"]);
        var events = await api.Ledger.Store.ReadStreamAsync("fund:fund-meta");
        events[0].Metadata.CorrelationId.ShouldBe("corr-123");
        events[0].Metadata.Actor.ShouldBe("alice@fund.example");
        events[0].Metadata.CausationId.ShouldBe("open-meta");

        var refused = await s.Post("/funds", Fund("fund-meta", "DE", "EUR", "1", "100", new { preset = "none" }), ("X-Correlation-Id", "corr-456"));
        refused.Status.ShouldBeInRange(400, 499);
        refused.Headers.GetValues("X-Correlation-Id").ShouldBe(["corr-456"]);
        refused.Str("correlationId").ShouldBe("corr-456");
    }
}

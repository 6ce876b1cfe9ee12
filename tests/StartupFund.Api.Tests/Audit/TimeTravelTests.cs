using NodaTime;
using NodaTime.Text;
using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests.Audit;

/// <summary>
/// Time travel: the live answers of a fund, a country's balance and its portfolio are captured through
/// HTTP at several instants while a history unfolds (the clock moved by hand); afterwards each
/// <c>?asOf=</c> answer, rebuilt from the events alone, must be byte for byte what was captured then.
/// </summary>
public sealed class TimeTravelTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static readonly string[] Views = ["/funds/fund-tt", "/countries/KE/balance", "/countries/KE/portfolio", "/countries/KE/portfolio?limit=1"];

    [Fact]
    public async Task Answers_as_of_past_instants_equal_what_the_live_views_said_then()
    {
        var s = api.Scenario();
        var captured = new List<(Instant At, Dictionary<string, string> Bodies)>();
        async Task CaptureAsync()
        {
            var bodies = new Dictionary<string, string>();
            foreach (var view in Views)
            {
                bodies[view] = (await s.Get(view)).Expect(200).Text;
            }

            captured.Add((api.Clock.GetCurrentInstant(), bodies));
            api.Clock.Advance(Duration.FromHours(7));
        }

        await OpenFundedAsync(s, "fund-tt", "KE", "KES", "10000000.00", new { preset = "ukFutureFund" });
        await CaptureAsync();

        await s.Post("/applications", Application("app-tt-1", "fund-tt", "KE", "1000000.00", "KES", sector: "Health")).Expect(201);
        await s.Post("/applications", Application("app-tt-2", "fund-tt", "KE", "500000.00", "KES", stage: "seriesA")).Expect(201);
        await s.Post("/applications", Application("app-tt-3", "fund-tt", "KE", "700000.00", "KES")).Expect(201);
        await s.Post("/applications/app-tt-1/review").Expect(200);
        await s.Post("/applications/app-tt-2/review").Expect(200);
        await s.Post("/applications/app-tt-3/review").Expect(200);
        await CaptureAsync();

        await s.Post("/applications/app-tt-1/approval", Approval("KES", "400000.00", "600000.00")).Expect(200);
        await s.Post("/applications/app-tt-1/offer/acceptance").Expect(200);
        await CaptureAsync();

        await s.Post("/applications/app-tt-2/approval", Approval("KES", "500000.00")).Expect(200);
        await s.Post("/applications/app-tt-3/rejection", new { reasonCode = "fit", reason = "Not a fit" }).Expect(200);
        await s.Post("/applications/app-tt-1/co-investments", new { investorId = "angel", investorName = "Angel", amount = Money("1000000.00", "KES") }).Expect(200);
        await s.Post("/applications/app-tt-1/co-investments/angel/receipts", new { amount = Money("400000.00", "KES"), valueDate = "2026-03-05" }).Expect(200);
        await CaptureAsync();

        await s.Post("/applications/app-tt-1/tranches/1/milestone/report", new { evidence = "Pilot signed" }).Expect(200);
        await s.Post("/applications/app-tt-1/tranches/1/milestone/verification", new { note = "Checked" }).Expect(200);
        await s.Post("/applications/app-tt-1/tranches/1/disbursement", new { valueDate = "2026-03-10", paymentReference = "PAY-1" }).Expect(200);
        await CaptureAsync();

        // Today's views have moved on from every capture.
        foreach (var (at, bodies) in captured)
        {
            var asOf = InstantPattern.ExtendedIso.Format(at);
            foreach (var view in Views)
            {
                var separator = view.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                var then = (await s.Get($"{view}{separator}asOf={asOf}")).Expect(200).Text;
                then.ShouldBe(bodies[view], $"{view} as of {asOf}");
            }
        }

        (await s.Get("/funds/fund-tt")).Expect(200).Text.ShouldNotBe(captured[0].Bodies["/funds/fund-tt"]);
    }

    [Fact]
    public async Task A_fund_before_it_was_opened_is_unknown_and_bad_instants_are_refused()
    {
        var s = api.Scenario();
        var before = InstantPattern.ExtendedIso.Format(api.Clock.GetCurrentInstant());
        api.Clock.Advance(Duration.FromHours(1));
        await OpenFundedAsync(s, "fund-late", "JP", "JPY", "1000000");

        (await s.Get($"/funds/fund-late?asOf={before}")).ExpectProblem(404, "fund.not_found");
        var empty = (await s.Get($"/countries/JP/balance?asOf={before}")).Expect(200);
        empty["funds"].GetArrayLength().ShouldBe(0);
        (await s.Get("/funds/fund-late?asOf=yesterday")).ExpectProblem(400, "audit.instant_invalid");
        (await s.Get("/countries/JP/portfolio?asOf=2026-13-01T00:00:00Z")).ExpectProblem(400, "audit.instant_invalid");
        (await s.Get("/countries/JP/balance?asOf=2999-01-01T00:00:00Z")).ExpectProblem(400, "audit.instant_in_future");
    }

    [Fact]
    public async Task A_stream_is_folded_over_a_prefix_of_its_versions_even_if_a_later_version_was_recorded_earlier()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-skew", "KW", "KWD", "1000.000");
        var opened = api.Clock.GetCurrentInstant();
        api.Clock.Advance(Duration.FromHours(1));
        // what two nodes with disagreeing clocks could record: version 2 stamped after the instant, version 3 before it
        await api.Database.ExecuteAsync($"update eventstore.events set recorded_at = recorded_at + interval '2 hours' where stream_id = 'fund:fund-skew' and version = 2");

        var then = (await s.Get($"/funds/fund-skew?asOf={InstantPattern.ExtendedIso.Format(opened)}")).Expect(200);
        then.Str("version").ShouldBe("1");
        then.Amount("committed").ShouldBe("0.000");
        var balance = (await s.Get($"/countries/KW/balance?asOf={InstantPattern.ExtendedIso.Format(opened)}")).Expect(200);
        balance.Str("funds[0].version").ShouldBe("1");
        balance.Amount("funds[0].figures.cashOnHand").ShouldBe("0.000");
    }
}

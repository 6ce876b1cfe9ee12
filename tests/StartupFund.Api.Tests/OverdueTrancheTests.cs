using NodaTime;
using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests;

/// <summary>
/// A tranche still unpaid after its due date is overdue, on the day the view is asked for: the application and the
/// country's portfolio say so, a payment or a cancellation ends it, and a view as of an earlier day does not show it.
/// </summary>
public sealed class OverdueTrancheTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_tranche_unpaid_after_its_due_date_is_overdue_until_it_is_paid_or_cancelled()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-late", "DE", "EUR", "1000.00");
        await ReviewedAsync(s, "app-late", "fund-late", "DE", "300.00", "EUR");
        // Due 2026-06-01, 2026-07-01 and 2026-08-01; today is 2026-03-02.
        await s.Post("/applications/app-late/approval", Approval("EUR", "100.00", "100.00", "100.00")).Expect(200);
        await s.Post("/applications/app-late/offer/acceptance").Expect(200);
        var paid = (await s.Post("/applications/app-late/tranches/1/disbursement", new { valueDate = "2026-03-02", paymentReference = "LATE-1" })).Expect(200);
        Overdue(paid).ShouldBe([false, false, false]);

        MoveTo(2026, 7, 1);
        Overdue((await s.Get("/applications/app-late")).Expect(200)).ShouldBe([false, false, false], "due today is not late yet");
        (await NextTrancheOverdueAsync(s)).ShouldBe("False");

        MoveTo(2026, 7, 2);
        var late = (await s.Get("/applications/app-late")).Expect(200);
        Overdue(late).ShouldBe([false, true, false]);
        late.ETag.ShouldBe(paid.ETag, "nothing happened to the application: only the day moved");
        (await NextTrancheOverdueAsync(s)).ShouldBe("True");
        var before = (await s.Get("/countries/DE/portfolio?asOf=2026-06-15T00:00:00Z")).Expect(200);
        before.Str("companies[0].nextTrancheOverdue").ShouldBe("False", "as of an earlier day the tranche was not late yet");

        // The day moves but the version does not, so an If-None-Match on the application is answered with the body, never 304.
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, "/applications/app-late"))
        {
            conditional.Headers.TryAddWithoutValidation("If-None-Match", late.ETag);
            conditional.Headers.Authorization = new("Bearer", api.Tokens.Mint(Cast.Admin));
            using var answer = await s.Client.SendAsync(conditional);
            ((int)answer.StatusCode).ShouldBe(200);
        }

        await s.Post("/applications/app-late/tranches/2/milestone/report", new { evidence = "Done" }).Expect(200);
        await s.Post("/applications/app-late/tranches/2/milestone/verification", new { note = "Checked" }).Expect(200);
        var second = (await s.Post("/applications/app-late/tranches/2/disbursement", new { valueDate = "2026-07-02", paymentReference = "LATE-2" })).Expect(200);
        Overdue(second).ShouldBe([false, false, false]);
        (await NextTrancheOverdueAsync(s)).ShouldBe("False");

        MoveTo(2026, 8, 5);
        Overdue((await s.Get("/applications/app-late")).Expect(200)).ShouldBe([false, false, true]);
        var cancelled = (await s.Post("/applications/app-late/cancellation", new { reason = "Wound down" })).Expect(200);
        Overdue(cancelled).ShouldBe([false, false, false], "a cancelled remainder is owed by nobody");
        (await NextTrancheOverdueAsync(s)).ShouldBe("False");
    }

    private void MoveTo(int year, int month, int day)
    {
        var target = Instant.FromUtc(year, month, day, 9, 0);
        api.Clock.Advance(target - api.Clock.GetCurrentInstant());
    }

    private static bool[] Overdue(Reply application) =>
        [.. application["tranches"].EnumerateArray().Select(t => t.GetProperty("overdue").GetBoolean())];

    private static async Task<string> NextTrancheOverdueAsync(Scenario s)
    {
        var portfolio = (await s.Get("/countries/DE/portfolio")).Expect(200);
        portfolio.Str("companies[0].applicationId").ShouldBe("app-late");
        return portfolio.Str("companies[0].nextTrancheOverdue");
    }
}

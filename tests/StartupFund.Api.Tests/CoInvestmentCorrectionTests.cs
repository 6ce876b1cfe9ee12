using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests;

/// <summary>
/// A co-investment booked wrongly (a decimal comma read as a thousands separator, a transfer that came back) is corrected
/// by a fund manager: the receipt reversed, the commitment reduced, the fund's figures and the matching rule following.
/// </summary>
public sealed class CoInvestmentCorrectionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_wrong_booking_is_corrected_and_the_figures_and_matching_follow()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-fix", "KE", "KES", "100000.00", new { preset = "ukFutureFund" });
        await ReviewedAsync(s, "app-fix", "fund-fix", "KE", "500.00", "KES");
        await s.Post("/applications/app-fix/approval", Approval("KES", "500.00")).Expect(200);
        await s.Post("/applications/app-fix/offer/acceptance").Expect(200);
        // Typed "50000,50" where "500.50" was meant: committed and received a hundred times too much.
        await s.Post("/applications/app-fix/co-investments", new { investorId = "angel", investorName = "Angel", amount = Money("50050.00", "KES"), valueDate = "2026-03-02" })
            .Expect(200);
        (await s.Get("/funds/fund-fix/balance")).Expect(200).Amount("figures.coInvestmentReceived").ShouldBe("50050.00");

        // Refusals first: each writes nothing.
        var events = await api.EventCountAsync();
        (await s.Post("/applications/app-fix/co-investments/angel/correction", new { reason = "typo" })).ExpectProblem(400, "coinvestment.correction_empty");
        (await s.Post("/applications/app-fix/co-investments/angel/correction", new { receivedReversed = Money("50050.01", "KES"), reason = "typo" }))
            .ExpectProblem(422, "coinvestment.correction_exceeds_received").Str("fieldErrors[0].field").ShouldBe("receivedReversed");
        (await s.Post("/applications/app-fix/co-investments/angel/correction", new { commitmentReduced = Money("1.00", "KES"), reason = "typo" }))
            .ExpectProblem(422, "coinvestment.correction_below_received").Str("fieldErrors[0].field").ShouldBe("commitmentReduced");
        (await s.Post("/applications/app-fix/co-investments/nobody/correction", new { receivedReversed = Money("1.00", "KES"), reason = "typo" }))
            .ExpectProblem(422, "coinvestment.unknown_investor");
        (await s.Post("/applications/app-fix/co-investments/angel/correction", new { receivedReversed = Money("1.00", "EUR"), reason = "typo" }))
            .ExpectProblem(400, "money.currency_mismatch");
        (await s.Post("/applications/app-fix/co-investments/angel/correction", new { receivedReversed = Money("1.00", "KES") }))
            .ExpectProblem(400, "text.required");
        (await api.As(new StartupFund.Security.TokenIdentity("startup-x", [StartupFund.Security.Roles.Startup], StartupId: "startup-app-fix"))
            .Post("/applications/app-fix/co-investments/angel/correction", new { receivedReversed = Money("1.00", "KES"), reason = "typo" })).Expect(403);
        (await api.EventCountAsync()).ShouldBe(events);

        var corrected = (await s.Post("/applications/app-fix/co-investments/angel/correction",
            new { receivedReversed = Money("49599.50", "KES"), commitmentReduced = Money("49599.50", "KES"), reason = "Decimal comma read as a thousands separator" })).Expect(200);
        corrected.Amount("coInvestors[0].committed").ShouldBe("450.50");
        corrected.Amount("coInvestors[0].received").ShouldBe("450.50");
        corrected.Amount("coInvestmentReceived").ShouldBe("450.50");
        var fund = (await s.Get("/funds/fund-fix/balance")).Expect(200);
        fund.Amount("figures.coInvestmentReceived").ShouldBe("450.50");
        fund.Amount("figures.coInvestmentCommitted").ShouldBe("450.50");
        var journal = (await s.Get("/funds/fund-fix/journal?limit=200")).Expect(200);
        var entry = journal["items"].EnumerateArray().Single(e => e.GetProperty("eventType").GetString() == "co-investment-corrected");
        entry.GetProperty("reference").GetString().ShouldBe("angel");
        entry.GetProperty("postings").GetArrayLength().ShouldBe(2);
        (await s.Get("/funds/fund-fix/trial-balance")).Expect(200).Str("balanced").ShouldBe("True");

        // 1:1 matching: 500.00 of public money needs 500.00 received; the 450.50 left is short, as if the rest never came.
        (await s.Post("/applications/app-fix/tranches/1/disbursement", new { valueDate = "2026-03-02", paymentReference = "FIX-1" }))
            .ExpectProblem(422, "tranche.matching_not_met");
        await s.Post("/applications/app-fix/co-investments/angel/receipts", new { amount = Money("49.50", "KES"), valueDate = "2026-03-02" })
            .ExpectProblem(422, "coinvestment.exceeds_commitment");
        await s.Post("/applications/app-fix/co-investments", new { investorId = "angel", investorName = "Angel", amount = Money("49.50", "KES"), valueDate = "2026-03-02" })
            .Expect(200);
        await s.Post("/applications/app-fix/tranches/1/disbursement", new { valueDate = "2026-03-02", paymentReference = "FIX-1" }).Expect(200);
    }
}

using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests;

/// <summary>The commands the lifecycle test does not walk through: amendments, questions, withdrawal, rejection, declining, reversal, cancellation, closing.</summary>
public sealed class CommandCoverageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Pending_applications_are_amended_questioned_withdrawn_and_rejected()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-pend", "DE", "EUR", "10000.00");
        await s.Post("/applications", Application("app-amend", "fund-pend", "DE", "500.00", "EUR")).Expect(201);

        var amended = await s.Post("/applications/app-amend/amendments", new { requested = Money("450.00", "EUR"), stage = "seriesA" }).Expect(200);
        amended.Amount("requested").ShouldBe("450.00");
        amended.Str("stage").ShouldBe("seriesA");
        await s.Post("/applications/app-amend/review").Expect(200);
        (await s.Post("/applications/app-amend/information-requests", new { question = "Cap table?" }).Expect(200)).Str("status").ShouldBe("informationRequested");
        // The startup reads the question on the application itself, until it answers.
        (await s.Get("/applications/app-amend")).Expect(200).Str("openQuestion").ShouldBe("Cap table?");
        var answered = (await s.Post("/applications/app-amend/information", new { answer = "Attached." }).Expect(200));
        answered.Str("status").ShouldBe("underReview");
        answered["openQuestion"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        await s.Post("/applications/app-amend/information-requests", new { question = "And the board?" }).Expect(200);
        (await s.Get("/applications/app-amend")).Expect(200).Str("openQuestion").ShouldBe("And the board?");
        await s.Post("/applications/app-amend/information", new { answer = "Three members." }).Expect(200);
        (await s.Post("/applications/app-amend/rejection", new { reasonCode = "fit", reason = "Not a fit." }).Expect(200)).Str("status").ShouldBe("rejected");
        await s.Post("/applications/app-amend/review").ExpectProblem(422, "application.not_pending");

        await s.Post("/applications", Application("app-wd", "fund-pend", "DE", "500.00", "EUR")).Expect(201);
        (await s.Post("/applications/app-wd/withdrawal").Expect(200)).Str("status").ShouldBe("withdrawn");

        var pipeline = await s.Get("/countries/DE/portfolio").Expect(200);
        pipeline.Str("pipeline.countsByStatus.rejected").ShouldBe("1");
        pipeline.Str("pipeline.countsByStatus.withdrawn").ShouldBe("1");
        pipeline["companies"].GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Money_that_has_already_arrived_is_committed_and_received_in_one_command_or_not_at_all()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-coin", "NL", "EUR", "10000.00");
        await ReviewedAsync(s, "app-coin", "fund-coin", "NL", "2000.00", "EUR");
        var body = new { investorId = "angel", investorName = "Angel", amount = Money("800.00", "EUR"), valueDate = "2026-03-04" };

        await s.Post("/applications/app-coin/co-investments", body).ExpectProblem(422, "application.not_funding");
        await s.Post("/applications/app-coin/approval", Approval("EUR", "2000.00")).Expect(200);
        await s.Post("/applications/app-coin/co-investments", new { body.investorId, body.investorName, body.amount, valueDate = "2026-02-30" })
            .ExpectProblem(400, "date.invalid");
        await s.Post("/applications/app-coin/co-investments", new { body.investorId, body.investorName, body.amount, valueDate = "2062-03-04" })
            .ExpectProblem(400, "value_date.too_far_ahead");
        (await s.Post("/applications/app-coin/co-investments", new { body.investorId, body.investorName, body.amount, valueDate = "1999-03-04" })
            .ExpectProblem(400, "value_date.too_early")).Str("fieldErrors[0].field").ShouldBe("valueDate");
        (await TypesAsync(s, "app-coin")).ShouldBe(["application-submitted", "review-started", "application-approved"]);

        var view = await s.Post("/applications/app-coin/co-investments", body).Expect(200);
        view.Amount("coInvestors[0].committed").ShouldBe("800.00");
        view.Amount("coInvestors[0].received").ShouldBe("800.00");
        view.Amount("coInvestors[0].outstanding").ShouldBe("0.00");
        view.Amount("coInvestmentReceived").ShouldBe("800.00");
        (await s.Get("/funds/fund-coin/balance").Expect(200)).Amount("figures.coInvestmentReceived").ShouldBe("800.00");
        (await TypesAsync(s, "app-coin")).TakeLast(2).ShouldBe(["co-investment-committed", "co-investment-received"]);

        // A rule about one input names it, as a 400 does: a form shows the refusal beside the amount.
        var tooMuch = await s.Post("/applications/app-coin/co-investments/angel/receipts", new { amount = Money("0.01", "EUR"), valueDate = "2026-03-02" })
            .ExpectProblem(422, "coinvestment.exceeds_commitment");
        tooMuch.Str("fieldErrors[0].field").ShouldBe("amount");
    }

    [Fact]
    public async Task Declining_reversing_and_cancelling_give_the_money_back_exactly()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-back", "FR", "EUR", "10000.00");

        await ReviewedAsync(s, "app-decline", "fund-back", "FR", "3000.00", "EUR");
        await s.Post("/applications/app-decline/approval", Approval("EUR", "3000.00")).Expect(200);
        (await s.Get("/funds/fund-back/balance").Expect(200)).Amount("figures.availableToCommit").ShouldBe("7000.00");
        await s.Post("/applications/app-decline/co-investments", new { investorId = "angel", investorName = "Angel", amount = Money("600.00", "EUR"), valueDate = "2026-03-02" }).Expect(200);
        await s.Post("/applications/app-decline/co-investments", new { investorId = "vc", investorName = "VC", amount = Money("400.00", "EUR") }).Expect(200);
        var coInvested = await s.Get("/countries/FR/balance").Expect(200);
        coInvested.Amount("byCurrency[0].coInvestmentCommitted").ShouldBe("1000.00");
        coInvested.Amount("byCurrency[0].coInvestmentReceived").ShouldBe("600.00");
        var declinedView = await s.Post("/applications/app-decline/offer/decline", new { reason = "Private round" }).Expect(200);
        declinedView.Str("status").ShouldBe("offerDeclined");
        declinedView.Amount("coInvestmentReceived").ShouldBe("600.00");
        declinedView["coInvestors"].EnumerateArray().Select(i => i.GetProperty("outstanding").GetProperty("amount").GetString()).ShouldAllBe(a => a == "0.00");
        var declined = await s.Get("/funds/fund-back/balance").Expect(200);
        declined.Amount("figures.availableToCommit").ShouldBe("10000.00");
        // No public money will go to it, so its co-investments leverage nothing: the figures agree with the portfolio.
        declined.Amount("figures.coInvestmentCommitted").ShouldBe("0.00");
        declined.Amount("figures.coInvestmentReceived").ShouldBe("0.00");
        (await s.Get("/countries/FR/balance").Expect(200)).Amount("byCurrency[0].coInvestmentReceived").ShouldBe("0.00");
        (await TypesAsync(s, "app-decline")).TakeLast(2).ShouldBe(["offer-declined", "co-investments-released"]);
        await s.Post("/applications/app-decline/offer/decline", new { reason = "Twice" }).ExpectProblem(422, "application.no_open_offer");
        await s.Post("/applications/app-decline/offer/acceptance").ExpectProblem(422, "application.no_open_offer");
        await s.Post("/applications/app-decline/review").ExpectProblem(422, "application.not_pending");

        await ReviewedAsync(s, "app-rev", "fund-back", "FR", "4000.00", "EUR");
        await s.Post("/applications/app-rev/approval", Approval("EUR", "1000.00", "3000.00")).Expect(200);
        await s.Post("/applications/app-rev/offer/acceptance").Expect(200);
        await s.Post("/applications/app-rev/tranches/1/milestone/report", new { evidence = "Done" }).Expect(200);
        await s.Post("/applications/app-rev/tranches/1/milestone/verification").Expect(200);
        await s.Post("/applications/app-rev/tranches/1/disbursement", new { valueDate = "2026-03-03", paymentReference = "P1" }).Expect(200);
        var afterPayment = await s.Get("/funds/fund-back/balance").Expect(200);
        afterPayment.Amount("figures.cashOnHand").ShouldBe("9000.00");
        afterPayment.Amount("figures.reserved").ShouldBe("3000.00");

        (await s.Post("/applications/app-rev/tranches/1/disbursement/reversal", new { reason = "Bank returned it", valueDate = "2026-03-02" }))
            .ExpectProblem(400, "value_date.too_early").Str("fieldErrors[0].field").ShouldBe("valueDate");
        var reversed = await s.Post("/applications/app-rev/tranches/1/disbursement/reversal", new { reason = "Bank returned it", valueDate = "2026-03-05" }).Expect(200);
        reversed.Amount("paid").ShouldBe("0.00");
        reversed.Str("tranches[0].attempt").ShouldBe("2");
        // The fund's journal dates the money that came back by the day it came back, for the bank reconciliation.
        var journal = await s.Get("/funds/fund-back/journal?limit=100").Expect(200);
        var returned = journal["items"].EnumerateArray().Single(e => e.GetProperty("eventType").GetString() == "disbursement-reversed");
        returned.GetProperty("valueDate").GetString().ShouldBe("2026-03-05");
        returned.GetProperty("reference").GetString().ShouldBe("app-rev/tranche-1/attempt-1");
        var afterReversal = await s.Get("/funds/fund-back/balance").Expect(200);
        afterReversal.Amount("figures.cashOnHand").ShouldBe("10000.00");
        afterReversal.Amount("figures.reserved").ShouldBe("4000.00");
        afterReversal.Amount("figures.disbursed").ShouldBe("0.00");

        // The payment the bank returned keeps its reference; the new transfer has its own.
        (await s.Post("/applications/app-rev/tranches/1/disbursement", new { valueDate = "2026-03-04", paymentReference = "P1" }))
            .ExpectProblem(422, "payment.reference_reused").Str("fieldErrors[0].field").ShouldBe("paymentReference");
        await s.Post("/applications/app-rev/tranches/1/disbursement", new { valueDate = "2026-03-04", paymentReference = "P1-again" }).Expect(200);
        (await s.Post("/applications/app-rev/cancellation", new { reason = "Wound down" }).Expect(200)).Str("status").ShouldBe("cancelled");
        var final = await s.Get("/funds/fund-back/balance").Expect(200);
        final.Amount("figures.cashOnHand").ShouldBe("9000.00");
        final.Amount("figures.reserved").ShouldBe("0.00");
        final.Amount("figures.disbursed").ShouldBe("1000.00");
        final.Amount("figures.availableToCommit").ShouldBe("9000.00");
        var trial = (await s.Get("/funds/fund-back/trial-balance")).Expect(200);
        trial.Str("balanced").ShouldBe("True");
        var cash = trial["accounts"].EnumerateArray().Single(a => a.GetProperty("account").GetString() == "cash");
        cash.GetProperty("number").GetInt32().ShouldBe(1000);

        // The bank returns the payment after the cancellation: booked back to available, nothing reserved again.
        (await s.Post("/applications/app-rev/tranches/1/disbursement/reversal", new { reason = "Account closed", valueDate = "2026-03-06" })
            .Expect(200)).Str("status").ShouldBe("cancelled");
        var bookedBack = await s.Get("/funds/fund-back/balance").Expect(200);
        bookedBack.Amount("figures.cashOnHand").ShouldBe("10000.00");
        bookedBack.Amount("figures.reserved").ShouldBe("0.00");
        bookedBack.Amount("figures.disbursed").ShouldBe("0.00");
        bookedBack.Amount("figures.availableToCommit").ShouldBe("10000.00");
        (await s.Get("/funds/fund-back/trial-balance").Expect(200)).Str("balanced").ShouldBe("True");
        await s.Post("/applications/app-rev/tranches/1/disbursement", new { valueDate = "2026-03-06", paymentReference = "P1-third" }).ExpectProblem(422, "application.not_funding");

        (await s.Post("/funds/fund-back/closure", new { reason = "Programme ended" }).Expect(200)).Str("status").ShouldBe("closed");
        await s.Post("/applications", Application("app-late", "fund-back", "FR", "10.00", "EUR")).ExpectProblem(422, "fund.closed");
    }

    [Fact]
    public async Task A_cancellation_before_the_first_payment_leaves_no_co_investment_to_inflate_leverage_and_no_funded_startup()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-lev", "US", "USD", "10000.00", matching: new { preset = "ukFutureFund" });

        // One startup is paid 500.00 beside 500.00 of private money: leverage 1/1.
        await ReviewedAsync(s, "app-lev-paid", "fund-lev", "US", "500.00", "USD");
        await s.Post("/applications/app-lev-paid/approval", Approval("USD", "500.00")).Expect(200);
        await s.Post("/applications/app-lev-paid/offer/acceptance").Expect(200);
        await s.Post("/applications/app-lev-paid/co-investments", new { investorId = "vc", investorName = "VC", amount = Money("500.00", "USD"), valueDate = "2026-03-02" }).Expect(200);
        await s.Post("/applications/app-lev-paid/tranches/1/disbursement", new { valueDate = "2026-03-02", paymentReference = "LEV-1" }).Expect(200);

        // Another's offer is cancelled before any payment, with 1,500.00 of private money received and 500.00 still promised.
        await ReviewedAsync(s, "app-lev-off", "fund-lev", "US", "1000.00", "USD");
        await s.Post("/applications/app-lev-off/approval", Approval("USD", "1000.00")).Expect(200);
        await s.Post("/applications/app-lev-off/co-investments", new { investorId = "angel", investorName = "Angel", amount = Money("1500.00", "USD"), valueDate = "2026-03-02" }).Expect(200);
        await s.Post("/applications/app-lev-off/co-investments", new { investorId = "late", investorName = "Late", amount = Money("500.00", "USD") }).Expect(200);
        await s.Post("/applications/app-lev-off/cancellation", new { reason = "Offer withdrawn" }).Expect(200);
        (await TypesAsync(s, "app-lev-off")).TakeLast(2).ShouldBe(["remainder-cancelled", "co-investments-released"]);

        var balance = await s.Get("/funds/fund-lev/balance").Expect(200);
        balance.Amount("figures.coInvestmentReceived").ShouldBe("500.00");
        balance.Amount("figures.coInvestmentCommitted").ShouldBe("500.00");
        balance.Str("figures.leverage").ShouldBe("1/1");
        (await s.Get("/countries/US/balance").Expect(200)).Str("byCurrency[0].leverage").ShouldBe("1/1");
        var portfolio = await s.Get("/countries/US/portfolio").Expect(200);
        portfolio["companies"].EnumerateArray().Select(c => c.GetProperty("applicationId").GetString()).ShouldBe(["app-lev-paid"]);
        portfolio.Amount("bySector[0].coInvestmentReceived").ShouldBe("500.00");
    }

    private static async Task<List<string?>> TypesAsync(Scenario s, string applicationId)
    {
        var history = await s.Get($"/applications/{applicationId}/history").Expect(200);
        return [.. history["events"].EnumerateArray().Select(e => e.GetProperty("type").GetString())];
    }
}

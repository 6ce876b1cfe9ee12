using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests;

/// <summary>
/// The whole life of an application through HTTP under each demo policy, with every figure worked
/// out by hand below. In each case: a government commitment called and received in full, a
/// technology partner's commitment not called, an approval in two tranches, a co-investment that is
/// first one minor unit short of the first tranche's matching requirement (refused), then complete.
/// </summary>
public sealed class LifecycleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public sealed record PolicyCase(
        string Country, string Currency, object Matching, string Government, string Partner, string[] Tranches,
        string CoCommitted, string ShortBy, string OneUnit,
        string Committed, string Cash, string Reserved, string Available, string CoReceived, string Leverage, string LeverageDecimal);

    private static readonly Dictionary<string, PolicyCase> Cases = new()
    {
        // EIF: public <= 50% of the round -> private >= public. Tranche 1 = 150,000.00 needs 150,000.00.
        // cash 2,000,000.00 - 150,000.00; reserved 400,000.00 - 150,000.00; available 2,500,000.00 - 400,000.00.
        ["DE"] = new("DE", "EUR", new { preset = "eif" }, "2000000.00", "500000.00", ["150000.00", "250000.00"],
            "200000.00", "149999.99", "0.01",
            "2500000.00", "1850000.00", "250000.00", "2100000.00", "150000.00", "1/1", "1.00"),

        // UK Future Fund 1:1. Tranche 1 = 2,000,000.00 KES needs 2,000,000.00.
        ["KE"] = new("KE", "KES", new { preset = "ukFutureFund" }, "20000000.00", "5000000.00", ["2000000.00", "4000000.00"],
            "3000000.00", "1999999.99", "0.01",
            "25000000.00", "18000000.00", "4000000.00", "19000000.00", "2000000.00", "1/1", "1.00"),

        // Bands 7:3 up to 3,000,000 then 1:1: tranche 1 = 5,000,000 JPY needs ceil(3,000,000 * 3 / 7) = 1,285,715
        // plus 2,000,000 = 3,285,715. Leverage 3,285,715 / 5,000,000 = 657,143 / 1,000,000 -> 0.65.
        ["JP"] = new("JP", "JPY",
            new { bands = new object[] { new { upToPublic = "3000000", publicParts = 7, privateParts = 3 }, new { upToPublic = "100000000", publicParts = 1, privateParts = 1 } } },
            "200000000", "50000000", ["5000000", "3000000"],
            "4000000", "3285714", "1",
            "250000000", "195000000", "3000000", "242000000", "3285715", "657143/1000000", "0.65"),

        // Yozma: public <= 40% -> private >= public * 3 / 2. Tranche 1 = 20,000.000 KWD needs 30,000.000.
        ["KW"] = new("KW", "KWD", new { preset = "israelYozma" }, "1000000.000", "250000.000", ["20000.000", "30000.000"],
            "40000.000", "29999.999", "0.001",
            "1250000.000", "980000.000", "30000.000", "1200000.000", "30000.000", "3/2", "1.50"),
    };

    [Theory]
    [InlineData("DE")]
    [InlineData("KE")]
    [InlineData("JP")]
    [InlineData("KW")]
    public async Task An_application_goes_from_submission_to_a_paid_tranche_with_exact_figures(string country)
    {
        var c = Cases[country];
        var s = api.Scenario();
        var fund = $"fund-{country.ToLowerInvariant()}";
        var app = $"app-{country.ToLowerInvariant()}";
        await OpenFundedAsync(s, fund, country, c.Currency, c.Government, c.Matching);
        await s.Post($"/funds/{fund}/commitments", new { sponsorId = "partner", sponsorName = "Tech partner", kind = "technologyPartner", amount = Money(c.Partner, c.Currency) }).Expect(200);

        await s.Post("/applications", Application(app, fund, country, c.Committed, c.Currency)).Expect(201);
        await s.Post($"/applications/{app}/review").Expect(200);
        await s.Post($"/applications/{app}/scores", new { score = 4, comment = "Good" }).Expect(200);
        var approved = (await s.Post($"/applications/{app}/approval", Approval(c.Currency, c.Tranches)).Expect(200));
        approved.Str("status").ShouldBe("approved");
        approved.Str("tranches[0].dueDate").ShouldBe("2026-06-01");
        approved.Str("tranches[1].dueDate").ShouldBe("2026-07-01");
        // The first tranche needs no milestone: what it waits for is the co-investment its matching band asks for.
        (await s.Post($"/applications/{app}/offer/acceptance").Expect(200)).Str("nextStep").ShouldStartWith("Tranche 1 is ready to be paid once the co-investment");
        await s.Post($"/applications/{app}/co-investments", new { investorId = "angel", investorName = "Angel", amount = Money(c.CoCommitted, c.Currency) }).Expect(200);
        await s.Post($"/applications/{app}/co-investments/angel/receipts", new { amount = Money(c.ShortBy, c.Currency), valueDate = "2026-03-05" }).Expect(200);
        await s.Post($"/applications/{app}/tranches/1/milestone/report", new { evidence = "Pilot signed" }).Expect(200);
        await s.Post($"/applications/{app}/tranches/1/milestone/verification", new { note = "Checked" }).Expect(200);

        (await s.Post($"/applications/{app}/tranches/1/disbursement", new { valueDate = "2026-03-10", paymentReference = "PAY-1" }))
            .ExpectProblem(422, "tranche.matching_not_met");
        await s.Post($"/applications/{app}/co-investments/angel/receipts", new { amount = Money(c.OneUnit, c.Currency), valueDate = "2026-03-06" }).Expect(200);
        var paid = await s.Post($"/applications/{app}/tranches/1/disbursement", new { valueDate = "2026-03-10", paymentReference = "PAY-1" });
        paid.Expect(200);
        paid.Str("status").ShouldBe("active");
        paid.Amount("paid").ShouldBe(c.Tranches[0]);
        paid.Str("nextTranche").ShouldBe("2");
        paid.Str("nextStep").ShouldContain("Report the milestone of tranche 2");

        var balance = (await s.Get($"/countries/{country}/balance")).Expect(200);
        balance.Str("byCurrency[0].currency").ShouldBe(c.Currency);
        balance.Amount("byCurrency[0].committedGovernment").ShouldBe(c.Government);
        balance.Amount("byCurrency[0].committedTechnologyPartner").ShouldBe(c.Partner);
        balance.Amount("byCurrency[0].committed").ShouldBe(c.Committed);
        balance.Amount("byCurrency[0].called").ShouldBe(c.Government);
        balance.Amount("byCurrency[0].received").ShouldBe(c.Government);
        balance.Amount("byCurrency[0].cashOnHand").ShouldBe(c.Cash);
        balance.Amount("byCurrency[0].reserved").ShouldBe(c.Reserved);
        balance.Amount("byCurrency[0].disbursed").ShouldBe(c.Tranches[0]);
        balance.Amount("byCurrency[0].availableToCommit").ShouldBe(c.Available);
        balance.Amount("byCurrency[0].coInvestmentCommitted").ShouldBe(c.CoCommitted);
        balance.Amount("byCurrency[0].coInvestmentReceived").ShouldBe(c.CoReceived);
        balance.Str("byCurrency[0].leverage").ShouldBe(c.Leverage);
        balance.Str("byCurrency[0].leverageDecimal").ShouldBe(c.LeverageDecimal);
        (await s.Get($"/funds/{fund}/balance")).Expect(200).Amount("figures.cashOnHand").ShouldBe(c.Cash);

        var portfolio = (await s.Get($"/countries/{country}/portfolio")).Expect(200);
        portfolio.Str("companies[0].applicationId").ShouldBe(app);
        portfolio.Amount("companies[0].disbursed").ShouldBe(c.Tranches[0]);
        portfolio.Amount("companies[0].coInvestmentReceived").ShouldBe(c.CoReceived);
        portfolio.Amount("companies[0].nextTrancheAmount").ShouldBe(c.Tranches[1]);
        portfolio.Amount("companies[0].reserved").ShouldBe(c.Reserved);
        portfolio.Amount("bySector[0].reserved").ShouldBe(c.Reserved);
        portfolio.Str("companies[0].nextTrancheDueDate").ShouldBe("2026-07-01");
        portfolio.Str("bySector[0].key").ShouldBe("AI");
        portfolio.Str("bySector[0].companies").ShouldBe("1");
        portfolio.Amount("byStage[0].approved").ShouldBe(approved.Amount("approved"));
        portfolio.Str("byStage[0].key").ShouldBe("seed");
        portfolio.Str("pipeline.countsByStatus.active").ShouldBe("1");
        portfolio.Str("pipeline.decided").ShouldBe("1");
        portfolio.Str("pipeline.medianDaysToDecision").ShouldBe("0.0");

        var trial = (await s.Get($"/funds/{fund}/trial-balance")).Expect(200);
        trial.Str("balanced").ShouldBe("True");
        var journal = (await s.Get($"/funds/{fund}/journal?limit=100")).Expect(200);
        journal["items"].GetArrayLength().ShouldBe(9);
        journal.Str("items[8].eventType").ShouldBe("funds-disbursed");
        journal.Amount("items[8].postings[0].amount").ShouldBe(c.Tranches[0]);
        // Money that moved is matched against the bank statement by its value date and reference.
        journal.Str("items[8].valueDate").ShouldBe("2026-03-10");
        journal.Str("items[8].reference").ShouldBe("PAY-1");
        var receipt = journal["items"].EnumerateArray().Single(e => e.GetProperty("eventType").GetString() == "capital-received");
        (receipt.GetProperty("valueDate").GetString(), receipt.GetProperty("reference").GetString()).ShouldBe(("2026-03-02", "c1"));
        var approval = journal["items"].EnumerateArray().First(e => e.GetProperty("eventType").GetString() == "funds-reserved");
        approval.GetProperty("valueDate").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}

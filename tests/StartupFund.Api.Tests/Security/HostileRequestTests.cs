using StartupFund.Api.Tests.Support;
using StartupFund.Security;

namespace StartupFund.Api.Tests.Security;

public sealed class HostileRequestTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_command_body_over_64_KiB_is_413_and_writes_nothing()
    {
        var s = api.As(new TokenIdentity("hr-admin", [Roles.Admin]));
        var events = await api.EventCountAsync();
        var huge = "{\"id\":\"fund-huge\",\"name\":\"" + new string('x', 70 * 1024) + "\"}";
        await s.PostRaw("/funds", huge).ExpectProblem(413, "request.too_large");
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_startup_cannot_submit_under_another_startups_id_nor_touch_its_application()
    {
        await Builders.OpenFundedAsync(api.Scenario(), "fund-hr", "DE", "EUR", "1000000.00");
        var mine = api.As(new TokenIdentity("hr-mine", [Roles.Startup], StartupId: "st-mine"));
        var theirs = api.As(new TokenIdentity("hr-theirs", [Roles.Startup], StartupId: "st-theirs"));
        var submitted = await mine.Post("/applications", Builders.Application("app-hr-mine", "fund-hr", "DE", "1000.00", "EUR")).Expect(201);
        submitted.Str("startup.startupId").ShouldBe("st-mine");
        var events = await api.EventCountAsync();

        var forged = new
        {
            id = "app-hr-forged",
            fundId = "fund-hr",
            startup = new { startupId = "st-mine", name = "Not me", registrationNumber = "X", country = "DE" },
            sector = "AI", stage = "seed", instrument = "equity", requested = Builders.Money("1000.00", "EUR"), summary = "Forged.",
        };
        await theirs.Post("/applications", forged).ExpectProblem(403, AuthErrorCodes.Forbidden);
        await theirs.Get("/applications/app-hr-mine").ExpectProblem(404, "application.not_found");
        await theirs.Get("/applications/app-hr-nothing").ExpectProblem(404, "application.not_found");
        await theirs.Post("/applications/app-hr-mine/withdrawal", new { reason = "sabotage" }).ExpectProblem(404, "application.not_found");
        (await theirs.Get("/applications?fundId=fund-hr")).Expect(200)["items"].GetArrayLength().ShouldBe(0);
        (await mine.Get("/applications?fundId=fund-hr")).Expect(200)["items"].GetArrayLength().ShouldBe(1);
        (await mine.Get("/applications?fundId=fund-other")).Expect(200)["items"].GetArrayLength().ShouldBe(0);
        (await mine.Get("/applications?country=KE")).Expect(200)["items"].GetArrayLength().ShouldBe(0);
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task The_fund_directory_shows_a_funds_money_sponsors_and_calls_only_to_those_who_oversee_its_country()
    {
        await Builders.OpenFundedAsync(api.Scenario(), "fund-dir", "DE", "EUR", "1000000.00");
        var outsider = api.As(new TokenIdentity("dir-startup", [Roles.Startup], StartupId: "st-dir"));
        var manager = api.As(new TokenIdentity("dir-manager", [Roles.FundManager], ["DE"]));

        var seen = (await outsider.Get("/funds/fund-dir")).Expect(200);
        seen.Str("name").ShouldBe("Fund fund-dir");
        seen["policy"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Object);
        seen["cashOnHand"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        seen["sponsors"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        seen["capitalCalls"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var listed = (await outsider.Get("/funds?country=DE&limit=200")).Expect(200)["items"].EnumerateArray().Single(f => f.GetProperty("fundId").GetString() == "fund-dir");
        listed.GetProperty("availableToCommit").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var overseen = (await manager.Get("/funds/fund-dir")).Expect(200);
        overseen.Amount("cashOnHand").ShouldBe("1000000.00");
        overseen["sponsors"].GetArrayLength().ShouldBe(1);
        overseen.Str("capitalCalls[0].dueDate").ShouldBe("2026-04-01");
    }

    [Fact]
    public async Task A_co_investor_cannot_introduce_itself_to_an_application_nor_learn_that_it_exists()
    {
        await Builders.OpenFundedAsync(api.Scenario(), "fund-ci", "DE", "EUR", "1000000.00");
        await api.Scenario().Post("/applications", Builders.Application("app-ci", "fund-ci", "DE", "1000.00", "EUR")).Expect(201);
        var angel = api.As(new TokenIdentity("ci-angel", [Roles.CoInvestor], InvestorId: "angel-1"));
        var events = await api.EventCountAsync();

        await angel.Post("/applications/app-ci/co-investments", new { investorId = "angel-1", investorName = "Angel", amount = Builders.Money("10.00", "EUR") })
            .ExpectProblem(404, "application.not_found");
        await angel.Post("/applications/app-ci/co-investments/angel-1/receipts", new { amount = Builders.Money("10.00", "EUR"), valueDate = "2026-05-01" })
            .ExpectProblem(403, "auth.forbidden");
        await angel.Get("/applications/app-ci").ExpectProblem(404, "application.not_found");
        (await angel.Get("/applications?fundId=fund-ci")).Expect(200)["items"].GetArrayLength().ShouldBe(0);
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_co_investor_commits_its_own_money_but_never_books_it_as_received()
    {
        var s = api.Scenario();
        await Builders.OpenFundedAsync(s, "fund-cr", "DE", "EUR", "1000000.00");
        await Builders.ReviewedAsync(s, "app-cr", "fund-cr", "DE", "100.00", "EUR");
        await s.Post("/applications/app-cr/approval", Builders.Approval("EUR", "100.00")).Expect(200);
        await s.Post("/applications/app-cr/co-investments", new { investorId = "angel-cr", investorName = "Angel", amount = Builders.Money("50.00", "EUR") }).Expect(200);
        var angel = api.As(new TokenIdentity("cr-angel", [Roles.CoInvestor], InvestorId: "angel-cr"));
        var events = await api.EventCountAsync();

        await angel.Post("/applications/app-cr/co-investments/angel-cr/receipts", new { amount = Builders.Money("50.00", "EUR"), valueDate = "2026-03-02" })
            .ExpectProblem(403, "auth.forbidden");
        await angel.Post("/applications/app-cr/co-investments", new { investorId = "angel-cr", investorName = "Angel", amount = Builders.Money("10.00", "EUR"), valueDate = "2026-03-02" })
            .ExpectProblem(403, "auth.forbidden");
        (await api.EventCountAsync()).ShouldBe(events);

        var committed = (await angel.Post("/applications/app-cr/co-investments", new { investorId = "angel-cr", investorName = "Angel", amount = Builders.Money("10.00", "EUR") })).Expect(200);
        committed.Amount("coInvestmentReceived").ShouldBe("0.00");
        (await s.Post("/applications/app-cr/co-investments/angel-cr/receipts", new { amount = Builders.Money("60.00", "EUR"), valueDate = "2026-03-02" }))
            .Expect(200).Amount("coInvestmentReceived").ShouldBe("60.00");
    }

    [Fact]
    public async Task A_co_investor_lists_the_applications_it_invests_in_and_no_others()
    {
        var s = api.Scenario();
        await Builders.OpenFundedAsync(s, "fund-cl", "DE", "EUR", "1000000.00");
        foreach (var id in new[] { "app-cl-1", "app-cl-2" })
        {
            await Builders.ReviewedAsync(s, id, "fund-cl", "DE", "100.00", "EUR");
            await s.Post($"/applications/{id}/approval", Builders.Approval("EUR", "100.00")).Expect(200);
        }

        await s.Post("/applications/app-cl-1/co-investments", new { investorId = "angel-cl", investorName = "Angel", amount = Builders.Money("50.00", "EUR") }).Expect(200);
        await s.Post("/applications/app-cl-2/co-investments", new { investorId = "someone-else", investorName = "Other", amount = Builders.Money("50.00", "EUR") }).Expect(200);
        var angel = api.As(new TokenIdentity("cl-angel", [Roles.CoInvestor], InvestorId: "angel-cl"));

        var listed = (await angel.Get("/applications")).Expect(200)["items"].EnumerateArray().Select(a => a.GetProperty("applicationId").GetString()).ToList();
        listed.ShouldBe(["app-cl-1"]);
        (await angel.Get("/applications?status=approved&fundId=fund-cl")).Expect(200)["items"].GetArrayLength().ShouldBe(1);
        (await angel.Get("/applications?status=active")).Expect(200)["items"].GetArrayLength().ShouldBe(0);
        (await angel.Get("/applications?country=KE")).Expect(200)["items"].GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_national_regulator_sees_only_its_country_in_lists_and_the_audit_log()
    {
        var s = api.Scenario();
        await Builders.OpenFundedAsync(s, "fund-hr-de", "DE", "EUR", "1000.00");
        await Builders.OpenFundedAsync(s, "fund-hr-ke", "KE", "KES", "1000.00");
        await LogHorizonWait();
        var german = api.As(new TokenIdentity("hr-reg-de", [Roles.Regulator], ["DE"]));
        var events = (await german.Get("/audit/events?limit=1000")).Expect(200)["items"].EnumerateArray().ToList();
        events.ShouldNotBeEmpty();
        events.ShouldAllBe(e => e.GetProperty("country").GetString() == "DE");
        await german.Get("/audit/events?country=KE").ExpectProblem(403, AuthErrorCodes.Forbidden);
        await german.Get("/audit/events?fund=fund-hr-ke").ExpectProblem(403, AuthErrorCodes.Forbidden);
        (await german.Get("/audit/events?fund=fund-hr-de")).Expect(200)["items"].GetArrayLength().ShouldBeGreaterThan(0);
        await german.Get("/audit/verify?stream=fund:fund-hr-ke").ExpectProblem(404, "resource.not_found");   // like /audit/streams: no probing for ids
        await german.Get("/audit/verify?stream=fund:fund-hr-de").Expect(200);
        (await german.Get("/applications")).Expect(200);
        var outOfScope = (await german.Get("/applications?country=KE")).ExpectProblem(403, AuthErrorCodes.Forbidden);
        outOfScope.Headers.GetValues("X-Correlation-Id").Single().ShouldBe(outOfScope.Str("correlationId"));
        await german.Get("/applications?fundId=fund-hr-ke").ExpectProblem(403, AuthErrorCodes.Forbidden);
        await german.Post("/funds/fund-hr-de/closure", new { reason = "no" }).ExpectProblem(403, AuthErrorCodes.Forbidden);

        var twoCountries = api.As(new TokenIdentity("hr-reg-two", [Roles.Regulator], ["DE", "KE"]));
        (await twoCountries.Get("/audit/digest")).ExpectProblem(400, "text.required").Str("fieldErrors[0].field").ShouldBe("country");
        await twoCountries.Get("/audit/digest?country=KE").Expect(200);
    }

    private Task LogHorizonWait() => Audit.LogHorizon.WaitUntilReadableAsync(api);
}

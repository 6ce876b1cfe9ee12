using StartupFund.Security;
using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests;

/// <summary>Every bad input is a ProblemDetails with a stable code, never a 500 and never a partial write.</summary>
public sealed class ErrorTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] CommandPaths =
    [
        "/funds", "/funds/fund-err/commitments", "/funds/fund-err/capital-calls", "/funds/fund-err/capital-calls/c1/receipts",
        "/funds/fund-err/closure", "/applications", "/applications/app-err/amendments", "/applications/app-err/withdrawal",
        "/applications/app-err/review", "/applications/app-err/information-requests", "/applications/app-err/information",
        "/applications/app-err/scores", "/applications/app-err/rejection", "/applications/app-err/approval",
        "/applications/app-err/offer/acceptance", "/applications/app-err/offer/decline", "/applications/app-err/co-investments",
        "/applications/app-err/co-investments/inv/receipts", "/applications/app-err/tranches/1/milestone/report",
        "/applications/app-err/tranches/1/milestone/verification", "/applications/app-err/tranches/1/disbursement",
        "/applications/app-err/tranches/1/disbursement/reversal", "/applications/app-err/cancellation",
    ];

    private static readonly string[] GarbageBodies =
    [
        "{", "[]", "null", "\"text\"", "42", "{\"amount\":{}}", "{\"amount\":null,\"reason\":7}", "{\"unknownField\":1}",
        "{\"amount\":{\"amount\":1.5,\"currency\":\"EUR\"}}", "{\"tranches\":{}}", "{\"score\":\"five\"}", "{\"id\":\"\\u0000\"}",
        new string('[', 200) + new string(']', 200), "{\"kind\":1}", "{\"country\":[\"DE\"]}",
    ];

    /// <summary>What a refusal must never show a user: .NET type names and System.Text.Json's reader positions.</summary>
    private static readonly string[] InternalNames = ["System.", "Int32", "Int64", "JsonElement", "NodaTime", "StartupFund.Api", "LineNumber", "Path: $"];

    [Fact]
    public async Task Malformed_bodies_on_every_command_are_400_problems_and_write_nothing()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-err", "DE", "EUR", "1000.00");
        await ReviewedAsync(s, "app-err", "fund-err", "DE", "500.00", "EUR");
        var events = await api.EventCountAsync();

        foreach (var path in CommandPaths)
        {
            foreach (var body in GarbageBodies)
            {
                var reply = await s.PostRaw(path, body);
                reply.Status.ShouldBeInRange(400, 499, $"{path} with {body}: {reply.Text}");
                reply.Code.ShouldNotBeNullOrEmpty($"{path} with {body}: {reply.Text}");
                foreach (var internalName in InternalNames)
                {
                    reply.Text.ShouldNotContain(internalName, Case.Sensitive, $"{path} with {body}");
                }
            }
        }

        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Bad_values_are_400_with_the_field_and_a_stable_code()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-val", "DE", "EUR", "1000.00");
        await ReviewedAsync(s, "app-val", "fund-val", "DE", "500.00", "EUR");
        var events = await api.EventCountAsync();
        object Commit(string amount, string currency, string kind = "government") =>
            new { sponsorId = "gov", sponsorName = "Government", kind, amount = Money(amount, currency) };

        (await s.Post("/funds/fund-val/commitments", Commit("1.001", "EUR"))).ExpectProblem(400, "money.too_many_decimals")["errors"]
            .TryGetProperty("amount.amount", out _).ShouldBeTrue();
        (await s.Post("/funds/fund-val/commitments", Commit("1e5", "EUR"))).ExpectProblem(400, "money.invalid_format");
        (await s.Post("/funds/fund-val/commitments", Commit("-5.00", "EUR"))).ExpectProblem(400, "money.negative");
        (await s.Post("/funds/fund-val/commitments", Commit("5.00", "EURO"))).ExpectProblem(400, "currency.unknown");
        (await s.Post("/funds/fund-val/commitments", Commit("5.00", "USD"))).ExpectProblem(400, "money.currency_mismatch")
            .Str("fieldErrors[0].field").ShouldBe("amount.currency");
        (await s.Post("/funds/fund-val/commitments", Commit("5.00", "EUR", "robot"))).ExpectProblem(400, "value.invalid_choice");
        (await s.Post("/funds/fund-val/commitments", Commit("5.00", "EUR", "1"))).ExpectProblem(400, "value.invalid_choice");
        // Enum.TryParse would read these as the flags' combination (privateInvestor) or trim them.
        (await s.Post("/funds/fund-val/commitments", Commit("5.00", "EUR", "government,technologyPartner"))).ExpectProblem(400, "value.invalid_choice");
        (await s.Post("/funds/fund-val/commitments", Commit("5.00", "EUR", " government"))).ExpectProblem(400, "value.invalid_choice");
        (await s.Post("/funds/fund-val/commitments", Commit("5.00", "EUR", "none"))).ExpectProblem(400, "value.invalid_choice");
        var twice = (await s.PostRaw("/funds/fund-val/commitments",
            """{"sponsorId":"gov","sponsorId":"other","sponsorName":"G","kind":"government","amount":{"amount":"1.00","currency":"EUR"}}"""))
            .ExpectProblem(400, "request.malformed");
        twice.Str("fieldErrors[0].field").ShouldBe("sponsorId");
        twice.Str("fieldErrors[0].message").ShouldContain("more than once");
        (await s.Post("/funds", Fund("fund-x", "XX", "EUR", "1", "2", new { preset = "none" }))).ExpectProblem(400, "country.unknown");
        (await s.Post("/funds", Fund("fund-x", "DE", "XTS", "1", "2", new { preset = "none" }))).ExpectProblem(400, "currency.not_legal_tender")
            .Str("fieldErrors[0].field").ShouldBe("currency");
        (await s.Post("/funds", new { country = "DE", name = new string('n', 201), currency = "EUR", policy = new { ticketMin = Money("1", "EUR"), ticketMax = Money("2", "EUR"), matching = new { preset = "none" } } }))
            .ExpectProblem(400, "text.too_long");
        (await s.Post("/funds", Fund("fund-x", "DE", "EUR", "1", "2", new { preset = "martian" }))).ExpectProblem(400, "value.invalid_choice");
        (await s.Post("/funds/fund-val/capital-calls", new { sponsorId = "gov", amount = Money("1.00", "EUR"), dueDate = "2026-13-01" })).ExpectProblem(400, "date.invalid");
        (await s.Post("/applications/app-val/approval", Approval("EUR", [.. Enumerable.Repeat("1.00", 13)]))).ExpectProblem(400, "tranche.schedule_too_long")
            .Str("fieldErrors[0].field").ShouldBe("tranches");
        // The domain's refusals name the field too, in the body's own terms.
        object Tranche(string amount, string due) => new { amount = Money(amount, "EUR"), milestone = "M", dueDate = due };
        (await s.Post("/applications/app-val/approval", new { amount = Money("3.00", "EUR"), tranches = new[] { Tranche("1.00", "2026-07-01"), Tranche("2.00", "2026-06-01") } }))
            .ExpectProblem(400, "tranche.due_dates_out_of_order").Str("fieldErrors[0].field").ShouldBe("tranches[1].dueDate");
        (await s.Post("/applications/app-val/approval", new { amount = Money("4.00", "EUR"), tranches = new[] { Tranche("1.00", "2026-07-01"), Tranche("2.00", "2026-08-01") } }))
            .ExpectProblem(400, "tranche.schedule_sum_mismatch").Str("fieldErrors[0].field").ShouldBe("tranches");
        (await s.Post("/applications/app-val/approval", new { amount = Money("1.00", "USD"), tranches = new[] { Tranche("1.00", "2026-07-01") } }))
            .ExpectProblem(400, "money.currency_mismatch").Str("fieldErrors[0].field").ShouldBe("amount.currency");
        (await s.Post("/funds", Fund("fund-x", "DE", "EUR", "5", "2", new { preset = "none" }))).ExpectProblem(400, "fund.policy_invalid")
            .Str("fieldErrors[0].field").ShouldBe("policy.ticketMin");
        (await s.Post("/applications/app-val/scores", new { score = 9 })).ExpectProblem(400, "value.out_of_range");
        (await s.PostRaw("/funds/fund-val/commitments", "")).ExpectProblem(400, "request.malformed");
        (await s.PostRaw("/funds/fund-val/closure", "{\"reason\":\"" + new string('x', 70_000) + "\"}")).ExpectProblem(413, "request.too_large");
        (await s.Post("/funds/fund-val/closure", new { reason = "x" }, ("Idempotency-Key", new string('k', 201)))).ExpectProblem(400, "idempotency.key_invalid");
        (await s.Post("/funds/fund-val/closure", new { reason = "x" }, ("If-Match", "\"abc\""))).ExpectProblem(400, "request.if_match_invalid");
        (await s.Post("/funds/fund-val/closure", new { reason = "x" }, ("If-Match", "4"))).ExpectProblem(400, "request.if_match_invalid");
        (await s.Post("/funds/fund-val/closure", new { reason = "x" }, ("If-Match", "\"4\", \"5\""))).ExpectProblem(400, "request.if_match_invalid");
        (await s.Post("/funds/fund-val/closure", new { reason = "x" }, ("If-Match", "W/\"4\""))).ExpectProblem(400, "request.if_match_invalid")
            .Text.ShouldContain("weak");
        (await s.Post("/funds/fund-val/closure", new { reason = "x" }, ("Idempotency-Key", "close-1"), ("Idempotency-Key", "close-2")))
            .ExpectProblem(400, "idempotency.key_invalid").Text.ShouldContain("one Idempotency-Key");
        var several = (await s.Post("/funds/fund-val/commitments", new { kind = "robot", amount = Money("1.001", "EUR") })).Expect(400);
        several["fieldErrors"].GetArrayLength().ShouldBe(4);

        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Free_text_is_counted_in_characters_after_trimming_and_must_show_what_is_stored()
    {
        var s = api.Scenario();
        object Named(string id, string name) => new
        {
            id, country = "DE", name, currency = "EUR",
            policy = new { ticketMin = Money("1", "EUR"), ticketMax = Money("2", "EUR"), matching = new { preset = "none" } },
        };
        var events = await api.EventCountAsync();

        // Padding does not count, and 200 emoji are 200 characters (400 UTF-16 units).
        var padded = "  " + new string('n', 200) + "  ";
        (await s.Post("/funds", Named("fund-txt-padded", padded))).Expect(201);
        (await s.Get("/funds/fund-txt-padded")).Expect(200).Str("name").ShouldBe(padded.Trim());
        var emoji = string.Concat(Enumerable.Repeat("\U0001F680", 200));
        (await s.Post("/funds", Named("fund-txt-emoji", emoji))).Expect(201);
        (await s.Get("/funds/fund-txt-emoji")).Expect(200).Str("name").ShouldBe(emoji);
        (await s.Post("/funds", Named("fund-txt-long", emoji + "\U0001F680"))).ExpectProblem(400, "text.too_long");
        (await api.EventCountAsync()).ShouldBe(events + 2);

        var invisible = (await s.Post("/funds", Named("fund-txt-x", "\u200B\u200D\uFEFF"))).ExpectProblem(400, "text.required");
        invisible.Str("fieldErrors[0].field").ShouldBe("name");
        invisible.Str("fieldErrors[0].message").ShouldContain("invisible");
        var bidi = (await s.Post("/funds", Named("fund-txt-x", "Acme \u202Egnp.exe"))).ExpectProblem(400, "text.invalid_character");
        bidi.Str("fieldErrors[0].message").ShouldContain("U+202E");
        (await s.Post("/funds", Named("fund-txt-x", "Acme\u0007"))).ExpectProblem(400, "text.invalid_character");
        // The JSON reader itself refuses a lone surrogate; the answer names the field and calls it a bad character, as the domain does.
        (await s.PostRaw("/funds/fund-txt-padded/closure", "{\"reason\":\"half \\ud800 a pair\"}")).ExpectProblem(400, "text.invalid_character")
            .Str("fieldErrors[0].field").ShouldBe("reason");
        (await s.Post("/funds/fund-txt-padded/closure", new { reason = "Two lines:\nboth kept" })).Expect(200);
        (await api.EventCountAsync()).ShouldBe(events + 3);
    }

    [Fact]
    public async Task Unknown_resources_are_404_duplicates_409_and_rules_422()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-rule", "DE", "EUR", "1000.00");

        (await s.Get("/funds/nope")).ExpectProblem(404, "fund.not_found");
        (await s.Get("/funds/nope/journal")).ExpectProblem(404, "fund.not_found");
        (await s.Get("/funds/bad%20id")).ExpectProblem(400, "id.invalid");
        (await s.Get("/applications/nope")).ExpectProblem(404, "application.not_found");
        var nowhere = (await s.Get("/nowhere")).ExpectProblem(404, "resource.not_found");
        nowhere.Str("detail").ShouldStartWith("There is no resource at /nowhere");
        nowhere.Str("type").ShouldBe("https://startupfund.example/problems/resource.not_found");
        (await s.Post("/funds/nope/closure", new { reason = "x" })).ExpectProblem(404, "fund.not_found");
        (await s.Post("/applications/nope/review")).ExpectProblem(404, "application.not_found");
        (await s.Post("/funds", Fund("fund-rule", "DE", "EUR", "1", "2", new { preset = "none" }))).ExpectProblem(409, "fund.already_opened");
        (await s.Post("/funds/fund-rule/capital-calls", new { sponsorId = "gov", amount = Money("1.00", "EUR"), dueDate = "2026-05-01" }))
            .ExpectProblem(422, "call.exceeds_uncalled");
        await s.Post("/funds/fund-rule/commitments", new { sponsorId = "gov", sponsorName = "Government", kind = "government", amount = Money("10.00", "EUR") }).Expect(200);
        (await s.Post("/funds/fund-rule/capital-calls", new { sponsorId = "gov", amount = Money("1.00", "EUR"), dueDate = "1999-05-01" }))
            .ExpectProblem(400, "call.due_date_past").Str("fieldErrors[0].field").ShouldBe("dueDate");
        (await s.Post("/funds/fund-rule/capital-calls", new { sponsorId = "gov", amount = Money("1.00", "EUR"), dueDate = "3026-05-01" }))
            .ExpectProblem(400, "call.due_date_too_far").Str("fieldErrors[0].field").ShouldBe("dueDate");
        (await s.Post("/applications", Application("app-ke", "fund-rule", "KE", "10.00", "EUR"))).ExpectProblem(422, "application.country_mismatch");
    }

    [Fact]
    public async Task A_request_below_the_fund_s_minimum_ticket_is_refused_at_submission_and_amendment_and_writes_nothing()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-ticket", "DE", "EUR", "100000.00", ticketMin: "5000.00");

        var small = (await s.Post("/applications", Application("app-ticket-small", "fund-ticket", "DE", "4999.99", "EUR")))
            .ExpectProblem(422, "application.below_ticket_minimum");
        small.Str("fieldErrors[0].field").ShouldBe("requested");
        small.Str("detail").ShouldContain("5000.00 EUR");
        (await s.Get("/applications/app-ticket-small")).ExpectProblem(404, "application.not_found");

        await s.Post("/applications", Application("app-ticket", "fund-ticket", "DE", "5000.00", "EUR")).Expect(201);
        (await s.Post("/applications/app-ticket/amendments", new { requested = Money("4000.00", "EUR") }))
            .ExpectProblem(422, "application.below_ticket_minimum").Str("fieldErrors[0].field").ShouldBe("requested");
        var unchanged = await s.Get("/applications/app-ticket").Expect(200);
        unchanged.Str("requested.amount").ShouldBe("5000.00");
        unchanged.Str("version").ShouldBe("1");
        (await s.Post("/applications/app-ticket/amendments", new { requested = Money("7500.00", "EUR") }).Expect(200)).Str("requested.amount").ShouldBe("7500.00");
    }

    [Fact]
    public async Task The_singapore_preset_caps_the_same_units_in_a_yen_fund_and_a_share_of_too_many_parts_is_refused()
    {
        var s = api.Scenario();
        var yen = await s.Post("/funds", Fund("fund-sg-jpy", "JP", "JPY", "1", "100000000", new { preset = "singaporeStartupSgEquity" })).Expect(201);
        yen.Amount("policy.bands[0].upToPublic").ShouldBe("250000");
        yen.Amount("policy.bands[1].upToPublic").ShouldBe("8000000");

        (await s.Post("/funds", Fund("fund-share", "DE", "EUR", "1", "2", new { maxPublicShare = new { numerator = 1, denominator = 1001 } })))
            .ExpectProblem(400, "matching.policy_invalid").Str("fieldErrors[0].field").ShouldBe("policy.matching.maxPublicShare");
        (await s.Get("/funds/fund-share")).ExpectProblem(404, "fund.not_found");
    }

    [Fact]
    public async Task A_caller_of_several_countries_who_names_none_is_asked_for_one_not_forbidden()
    {
        var manager = api.As(new TokenIdentity("two-country-manager", [Roles.FundManager], ["DE", "KE"]));
        var list = (await manager.Get("/applications")).ExpectProblem(400, "text.required");
        list.Str("fieldErrors[0].field").ShouldBe("country");
        list.Str("detail").ShouldContain("?country=");
        (await manager.Get("/applications?country=KE")).Expect(200);
        (await manager.Get("/applications?country=JP")).ExpectProblem(403, "auth.forbidden");
    }

    [Fact]
    public async Task Tranche_numbers_out_of_range_are_refused_not_crashes()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-tr", "DE", "EUR", "1000.00");
        await ReviewedAsync(s, "app-tr", "fund-tr", "DE", "500.00", "EUR");
        await s.Post("/applications/app-tr/approval", Approval("EUR", "200.00", "300.00")).Expect(200);
        await s.Post("/applications/app-tr/offer/acceptance").Expect(200);
        var events = await api.EventCountAsync();

        foreach (var tranche in new[] { "0", "-1", "3", "99", "2147483647" })
        {
            foreach (var (path, body) in new (string, object)[]
            {
                ("milestone/report", new { evidence = "e" }), ("milestone/verification", new { note = "n" }),
                ("disbursement", new { valueDate = "2026-03-10", paymentReference = "P" }), ("disbursement/reversal", new { reason = "r" }),
            })
            {
                var reply = await s.Post($"/applications/app-tr/tranches/{tranche}/{path}", body);
                reply.Status.ShouldBeInRange(400, 422, reply.Text);
                reply.Code.ShouldNotBeNullOrEmpty(reply.Text);
            }
        }

        // A tranche number that is not a number at all is a 400 naming it, not a 404 as if the path did not exist.
        foreach (var tranche in new[] { "abc", "99999999999", "1.5" })
        {
            (await s.Post($"/applications/app-tr/tranches/{tranche}/disbursement", new { valueDate = "2026-03-10", paymentReference = "P" }))
                .ExpectProblem(400, "request.malformed").Str("fieldErrors[0].field").ShouldBe("trancheNumber");
        }

        (await s.Get("/funds?limit=abc")).Status.ShouldBe(400);
        (await api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_cursor_pages_on_only_in_its_own_list_narrowed_as_it_was()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-cur-a", "GB", "GBP", "1000000.00");
        await OpenFundedAsync(s, "fund-cur-b", "GB", "GBP", "1000000.00");
        foreach (var id in new[] { "app-cur-1", "app-cur-2" })
        {
            await ReviewedAsync(s, id, "fund-cur-a", "GB", "1000.00", "GBP");
            await s.Post($"/applications/{id}/approval", Approval("GBP", "1000.00")).Expect(200);
        }

        // Another fund's journal cursor would silently skip this fund's entries before its position.
        var journal = (await s.Get("/funds/fund-cur-a/journal?limit=1")).Expect(200).Str("nextCursor");
        (await s.Get($"/funds/fund-cur-a/journal?limit=1&cursor={journal}")).Expect(200)["items"].GetArrayLength().ShouldBe(1);
        (await s.Get($"/funds/fund-cur-b/journal?cursor={journal}")).ExpectProblem(400, "query.cursor_invalid");

        var applications = (await s.Get("/applications?fundId=fund-cur-a&limit=1")).Expect(200);
        var next = applications.Str("nextCursor");
        (await s.Get($"/applications?fundId=fund-cur-a&limit=1&cursor={next}")).Expect(200).Str("items[0].applicationId").ShouldBe("app-cur-2");
        (await s.Get($"/applications?fundId=fund-cur-b&cursor={next}")).ExpectProblem(400, "query.cursor_invalid");
        (await s.Get($"/applications?fundId=fund-cur-a&status=approved&cursor={next}")).ExpectProblem(400, "query.cursor_invalid");

        foreach (var asOf in new[] { "", "&asOf=" + Uri.EscapeDataString(api.Clock.GetCurrentInstant().ToString()) })
        {
            var portfolio = (await s.Get($"/countries/GB/portfolio?limit=1{asOf}")).Expect(200);
            portfolio.Str("companies[0].applicationId").ShouldBe("app-cur-1");
            var second = (await s.Get($"/countries/GB/portfolio?limit=1{asOf}&cursor={portfolio.Str("nextCursor")}")).Expect(200);
            second.Str("companies[0].applicationId").ShouldBe("app-cur-2");
            (await s.Get($"/countries/NL/portfolio?limit=1{asOf}&cursor={portfolio.Str("nextCursor")}")).ExpectProblem(400, "query.cursor_invalid");
        }
    }

    [Fact]
    public async Task Lists_are_paginated_with_a_maximum_page_size()
    {
        var s = api.Scenario();
        foreach (var id in new[] { "page-a", "page-b", "page-c" })
        {
            await s.Post("/funds", Fund(id, "NZ", "NZD", "1", "2", new { preset = "none" })).Expect(201);
        }

        var first = (await s.Get("/funds?country=NZ&limit=2")).Expect(200);
        first["items"].GetArrayLength().ShouldBe(2);
        var next = first.Str("nextCursor");
        var second = (await s.Get($"/funds?country=NZ&limit=2&cursor={next}")).Expect(200);
        second["items"].GetArrayLength().ShouldBe(1);
        second.Str("items[0].fundId").ShouldBe("page-c");
        second["nextCursor"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await s.Get("/funds?limit=201")).ExpectProblem(400, "query.page_size_invalid");
        (await s.Get("/funds?cursor=%25%25%25")).ExpectProblem(400, "query.cursor_invalid");
        // A cursor is a position in its own list: another list refuses it rather than read a fund id as an application's.
        foreach (var other in new[] { "/applications", "/countries/NZ/portfolio", "/countries/NZ/portfolio?asOf=2026-03-02T00:00:00Z", "/funds/page-a/journal" })
        {
            (await s.Get($"{other}{(other.Contains('?', StringComparison.Ordinal) ? '&' : '?')}cursor={next}")).ExpectProblem(400, "query.cursor_invalid")
                .Str("fieldErrors[0].message").ShouldContain("another list");
        }

        (await s.Get("/applications?status=sleeping")).ExpectProblem(400, "value.invalid_choice");
        (await s.Get("/applications?status=active,submitted")).ExpectProblem(400, "value.invalid_choice");
    }

    [Fact]
    public async Task A_query_parameter_the_endpoint_does_not_take_is_refused_not_ignored()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-query", "DE", "EUR", "1000.00");

        // Without time travel here, the answer would be today's figures under a past date.
        var asOf = (await s.Get("/funds/fund-query/balance?asOf=2026-01-01T00:00:00Z")).ExpectProblem(400, "query.unknown_parameter");
        asOf.Str("fieldErrors[0].field").ShouldBe("asOf");
        asOf.Str("fieldErrors[0].message").ShouldContain("it takes none");
        (await s.Get("/funds?fundid=fund-query")).ExpectProblem(400, "query.unknown_parameter").Str("fieldErrors[0].message").ShouldContain("cursor");
        (await s.Post("/funds/fund-query/closure?force=true", new { reason = "x" })).ExpectProblem(400, "query.unknown_parameter");
        (await s.Get("/funds/fund-query?ASOF=2026-01-01T00:00:00Z")).ExpectProblem(404, "fund.not_found");
        (await s.Get("/funds/fund-query")).Expect(200);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_415_and_a_method_a_path_does_not_take_is_405()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-media", "DE", "EUR", "1000.00");
        var events = await api.EventCountAsync();

        var attempts = CommandPaths.Select(path => (Path: path, MediaType: "text/plain"))
            .Concat([("/funds/fund-media/closure", "application/x-www-form-urlencoded"), ("/funds/fund-media/closure", "application/xml")]);
        foreach (var (path, mediaType) in attempts)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent("{\"reason\":\"done\"}", System.Text.Encoding.UTF8, mediaType),
            };
            request.Headers.Authorization = new("Bearer", api.Tokens.Mint(Cast.Admin));
            using var response = await s.Client.SendAsync(request);
            ((int)response.StatusCode).ShouldBe(415, $"{path} as {mediaType}");
            (await response.Content.ReadAsStringAsync()).ShouldContain("request.unsupported_media_type");
        }

        // JSON is read as UTF-8 and uncompressed: a body announced otherwise is refused before it is read.
        using (var utf16 = new HttpRequestMessage(HttpMethod.Post, "/funds/fund-media/closure")
        {
            Content = new StringContent("{\"reason\":\"done\"}", System.Text.Encoding.Unicode, "application/json"),
        })
        {
            utf16.Headers.Authorization = new("Bearer", api.Tokens.Mint(Cast.Admin));
            using var response = await s.Client.SendAsync(utf16);
            ((int)response.StatusCode).ShouldBe(415);
            (await response.Content.ReadAsStringAsync()).ShouldContain("charset");
        }

        using (var gzip = new HttpRequestMessage(HttpMethod.Post, "/funds/fund-media/closure")
        {
            Content = new StringContent("{\"reason\":\"done\"}", System.Text.Encoding.UTF8, "application/json"),
        })
        {
            gzip.Content.Headers.ContentEncoding.Add("gzip");
            gzip.Headers.Authorization = new("Bearer", api.Tokens.Mint(Cast.Admin));
            using var response = await s.Client.SendAsync(gzip);
            ((int)response.StatusCode).ShouldBe(415);
            (await response.Content.ReadAsStringAsync()).ShouldContain("request.unsupported_media_type");
        }

        (await api.EventCountAsync()).ShouldBe(events);

        using (var delete = new HttpRequestMessage(HttpMethod.Delete, "/funds/fund-media"))
        {
            delete.Headers.Authorization = new("Bearer", api.Tokens.Mint(Cast.Admin));
            using var response = await s.Client.SendAsync(delete);
            ((int)response.StatusCode).ShouldBe(405);
            var body = await response.Content.ReadAsStringAsync();
            body.ShouldContain("request.method_not_allowed");
            body.ShouldContain("DELETE is not one of the methods /funds/fund-media takes");
        }

        (await api.EventCountAsync()).ShouldBe(events);
        var doc = (await s.Get("/openapi/v1.json")).Expect(200);
        doc["paths./funds/{fundId}/closure.post.responses"].TryGetProperty("415", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task HEAD_answers_as_GET_does_without_the_body()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-head", "DE", "EUR", "1000.00");
        var etag = (await s.Get("/funds/fund-head")).Expect(200).ETag;

        async Task<HttpResponseMessage> HeadAsync(string path)
        {
            using var head = new HttpRequestMessage(HttpMethod.Head, path);
            head.Headers.Authorization = new("Bearer", api.Tokens.Mint(Cast.Admin));
            return await s.Client.SendAsync(head);
        }

        using var found = await HeadAsync("/funds/fund-head");
        ((int)found.StatusCode).ShouldBe(200);
        found.Headers.ETag?.Tag.ShouldBe(etag);
        (await found.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        using var missing = await HeadAsync("/funds/no-such-fund");
        ((int)missing.StatusCode).ShouldBe(404);
        (await missing.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        using var health = await HeadAsync("/health/live");
        ((int)health.StatusCode).ShouldBe(200);
    }

    [Fact]
    public async Task Health_openapi_and_docs_are_served()
    {
        var s = api.Scenario();
        (await s.Get("/health/live")).Expect(200);
        (await s.Get("/health/ready")).Expect(200).Str("status").ShouldBe("ready");
        var doc = (await s.Get("/openapi/v1.json")).Expect(200);
        foreach (var path in new[] { "/funds", "/funds/{fundId}/capital-calls", "/applications/{applicationId}/approval",
            "/applications/{applicationId}/tranches/{trancheNumber}/disbursement", "/countries/{country}/balance", "/countries/{country}/portfolio", "/funds/{fundId}/journal" })
        {
            doc["paths"].TryGetProperty(path, out _).ShouldBeTrue(path);
        }

        doc.Text.ShouldContain("\"422\"");
        doc["components.schemas.Money.properties.amount.type"].GetString().ShouldBe("string");
        doc["paths./funds/{fundId}/closure.post.parameters"].EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .ShouldContain("Idempotency-Key");
        doc.Text.ShouldContain("ApproveRequest");
        foreach (var request in new[] { "DisburseRequest", "CoInvestmentRequest", "CoInvestmentReceiptRequest" })
        {
            doc[$"components.schemas.{request}.properties.valueDate.format"].GetString().ShouldBe("date", request);
        }

        doc["components.schemas.TrancheInput.properties.dueDate.format"].GetString().ShouldBe("date");
        // A date the API sends as null (an unpaid tranche's paidOn, an entry without a value date) says so, or strict clients fail to read it.
        foreach (var nullable in new[] { "TrancheView.properties.paidOn", "JournalEntryView.properties.valueDate" })
        {
            doc[$"components.schemas.{nullable}.type"].EnumerateArray().Select(t => t.GetString()).ShouldBe(["null", "string"], ignoreOrder: true, nullable);
        }
        // A generated client knows what it must send: the fields the server refuses to go without are required.
        string[] Required(string schema) =>
            doc[$"components.schemas.{schema}"].TryGetProperty("required", out var list) ? [.. list.EnumerateArray().Select(v => v.GetString()!)] : [];
        Required("ApproveRequest").ShouldBe(["amount", "tranches"], ignoreOrder: true);
        Required("DisburseRequest").ShouldBe(["valueDate", "paymentReference"], ignoreOrder: true);
        Required("CallCapitalRequest").ShouldBe(["sponsorId", "amount", "dueDate"], ignoreOrder: true);
        Required("PolicyInput").ShouldBe(["ticketMin", "ticketMax", "matching"], ignoreOrder: true);
        Required("ReasonRequest").ShouldBeEmpty();
        Required("RequiredReasonRequest").ShouldBe(["reason"]);
        doc["components.schemas.ProblemDetails.properties.code.type"].GetString().ShouldBe("string");
        // The headers a client acts on are described too.
        doc["paths./funds.post.responses.201.headers"].TryGetProperty("Location", out _).ShouldBeTrue();
        doc["paths./funds/{fundId}/closure.post.responses.200.headers"].TryGetProperty("ETag", out _).ShouldBeTrue();
        doc["paths./funds/{fundId}/closure.post.responses.503.headers"].TryGetProperty("Retry-After", out _).ShouldBeTrue();
        doc["paths./funds/{fundId}.get.responses"].TryGetProperty("304", out _).ShouldBeTrue();
        doc["paths./applications/{applicationId}.get.responses"].TryGetProperty("304", out _).ShouldBeFalse("its body changes with the day");
        doc["components.schemas.Stage.enum"].EnumerateArray().Select(v => v.GetString()).ShouldBe(["preSeed", "seed", "seriesA", "seriesB", "growth"]);
        (doc["paths./applications/{applicationId}/review.post.requestBody"].TryGetProperty("required", out var optional) && optional.GetBoolean()).ShouldBeFalse();
        doc["paths./applications/{applicationId}/approval.post.requestBody.required"].GetBoolean().ShouldBeTrue();
        doc["components.schemas.SubmitApplicationRequest.properties.stage.enum"].EnumerateArray().Select(v => v.GetString()).ShouldContain("seriesA");
        doc["components.schemas.ProblemDetails.properties.fieldErrors.items.properties.field.type"].GetString().ShouldBe("string");
        doc["components.schemas.ProblemDetails"].TryGetProperty("additionalProperties", out var extra).ShouldBeFalse(extra.ToString());
        var ui = await s.Client.GetAsync(new Uri("/docs/index.html", UriKind.Relative));
        ((int)ui.StatusCode).ShouldBe(200);
    }

    [Fact]
    public async Task Every_operation_that_reads_the_database_documents_503()
    {
        var doc = (await api.Scenario().Get("/openapi/v1.json")).Expect(200);
        var undocumented = new List<string>();
        foreach (var path in doc["paths"].EnumerateObject().Where(p => p.Name != "/health/live"))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.GetProperty("responses").TryGetProperty("503", out _))
                {
                    undocumented.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                }
            }
        }

        undocumented.ShouldBeEmpty();
    }
}

using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests;

/// <summary>
/// Refusals explain themselves in plain words: the field and the format it expects, statuses as the
/// API spells them, counts with the right noun; never a .NET type name. The codes stay the same.
/// </summary>
public sealed class ErrorMessageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_json_value_of_the_wrong_kind_names_the_field_and_the_format_it_expects()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-msg", "DE", "EUR", "1000.00");
        await ReviewedAsync(s, "app-msg", "fund-msg", "DE", "500.00", "EUR");

        var score = (await s.PostRaw("/applications/app-msg/scores", "{\"reviewerId\":\"r\",\"score\":\"five\"}")).ExpectProblem(400, "request.malformed");
        score.Str("detail").ShouldBe("score must be a whole number, e.g. 3.");
        score.Str("fieldErrors[0].field").ShouldBe("score");

        var amount = (await s.PostRaw("/funds/fund-msg/commitments",
            "{\"sponsorId\":\"gov\",\"sponsorName\":\"G\",\"kind\":\"government\",\"amount\":{\"amount\":1250.5,\"currency\":\"EUR\"}}"))
            .ExpectProblem(400, "request.malformed");
        amount.Str("detail").ShouldBe("amount.amount must be a string with a decimal number, e.g. \"1250.00\".");
        amount.Str("fieldErrors[0].field").ShouldBe("amount.amount");

        // A field sent empty, as a form's untouched field is, is missing: not an id or amount of the wrong shape.
        var empty = (await s.PostRaw("/funds/fund-msg/commitments",
            "{\"sponsorId\":\"\",\"sponsorName\":\"G\",\"kind\":\"government\",\"amount\":{\"amount\":\"\",\"currency\":\"EUR\"}}"))
            .ExpectProblem(400, "text.required");
        empty["fieldErrors"].EnumerateArray().Select(e => e.GetProperty("field").GetString()).ShouldBe(["sponsorId", "amount.amount"]);
        // An empty money object and an empty choice are missing too, and every missing part is named in one answer.
        var nothing = (await s.PostRaw("/funds/fund-msg/commitments", "{\"sponsorId\":\"gov\",\"sponsorName\":\"G\",\"kind\":\"\",\"amount\":{}}"))
            .ExpectProblem(400, "text.required");
        nothing["fieldErrors"].EnumerateArray().Select(e => e.GetProperty("field").GetString()).ShouldBe(["kind", "amount.amount", "amount.currency"], ignoreOrder: true);
        (await s.PostRaw("/applications/app-msg/tranches/1/disbursement", "{\"paymentReference\":\"P-1\"}")).ExpectProblem(400, "text.required")
            .Str("detail").ShouldBe("valueDate is required: an ISO-8601 date like 2026-03-31.");
        (await s.PostRaw("/applications/app-msg/amendments", "{\"sector\":\"\\ud800\"}")).ExpectProblem(400, "text.invalid_character")
            .Str("fieldErrors[0].field").ShouldBe("sector");
        var tranches = (await s.PostRaw("/applications/app-msg/approval", "{\"tranches\":{}}")).ExpectProblem(400, "request.malformed");
        tranches.Str("detail").ShouldBe("tranches must be a JSON array.");

        // Inside a list the field keeps its element's index, as the domain's own refusals name it.
        var tranche = "{\"amount\":{\"amount\":\"500.00\",\"currency\":\"EUR\"},\"milestone\":\"m\",\"dueDate\":\"2026-06-01\"";
        var element = (await s.PostRaw("/applications/app-msg/approval", "{\"tranches\":[" + tranche + "}," + tranche + ",\"extra\":1}]}"))
            .ExpectProblem(400, "request.malformed");
        element.Str("fieldErrors[0].field").ShouldBe("tranches[1].extra");
        element.Str("detail").ShouldBe("tranches[1].extra is not a field of this request.");
        (await s.PostRaw("/applications/app-msg/approval", "{\"tranches\":[{\"amount\":{\"amount\":5}}]}")).ExpectProblem(400, "request.malformed")
            .Str("detail").ShouldBe("tranches[0].amount.amount must be a string with a decimal number, e.g. \"1250.00\".");

        (await s.PostRaw("/funds/fund-msg/closure", "{\"reason\":\"x\",\"unknownField\":1}")).ExpectProblem(400, "request.malformed")
            .Str("detail").ShouldBe("unknownField is not a field of this request.");
        var huge = (await s.PostRaw("/funds/fund-msg/closure", "{\"" + new string('k', 20_000) + "\":1}")).ExpectProblem(400, "request.malformed");
        huge.Str("fieldErrors[0].field").ShouldBe(new string('k', 100) + "…");
        huge.Text.Length.ShouldBeLessThan(2_000, "a made-up field name is not echoed whole");
        (await s.PostRaw("/funds/fund-msg/closure", "[]")).ExpectProblem(400, "request.malformed")
            .Str("detail").ShouldBe("The body must be a JSON object.");
        (await s.PostRaw("/funds/fund-msg/closure", "{\"reason\":")).ExpectProblem(400, "request.malformed")
            .Str("detail").ShouldStartWith("The body is not valid JSON (line 1, byte ");
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_kind_names_the_parameter_not_its_dotnet_type()
    {
        var s = api.Scenario();
        var reply = (await s.Get("/funds?limit=abc")).ExpectProblem(400, "request.malformed");
        reply.Str("detail").ShouldBe("limit must be a whole number, e.g. 50.");
        reply.Str("fieldErrors[0].field").ShouldBe("limit");
        (await s.Get("/funds?limit=1&limit=2")).ExpectProblem(400, "request.malformed").Str("detail").ShouldStartWith("limit is given more than once");
    }

    [Fact]
    public async Task Statuses_are_spelled_as_the_api_spells_them_and_counts_agree_with_their_noun()
    {
        var s = api.Scenario();
        await s.Post("/funds", Fund("fund-one", "DE", "EUR", "1", "1000000", new { preset = "none" }, scores: 1)).Expect(201);
        await s.Post("/funds/fund-one/commitments", new { sponsorId = "gov", sponsorName = "Government", kind = "government", amount = Money("1000.00", "EUR") }).Expect(200);
        await ReviewedAsync(s, "app-one", "fund-one", "DE", "500.00", "EUR");

        var answer = (await s.Post("/applications/app-one/information", new { answer = "Here it is." }))
            .ExpectProblem(422, "application.no_information_requested");
        answer.Str("detail").ShouldBe("The application is underReview; this step needs it to be informationRequested.");

        (await s.Post("/applications/app-one/approval", Approval("EUR", "500.00"))).ExpectProblem(422, "approval.insufficient_scores")
            .Str("detail").ShouldBe("A decision needs 1 reviewer score; there are 0.");

        (await s.Post("/funds/fund-one/commitments", new { sponsorId = "gov", sponsorName = "Government", kind = "privateInvestor", amount = Money("1.00", "EUR") }))
            .ExpectProblem(422, "sponsor.kind_mismatch").Str("detail").ShouldBe("Sponsor gov is a government sponsor; it cannot commit as privateInvestor.");
    }
}

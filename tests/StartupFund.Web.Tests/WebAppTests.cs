using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using static StartupFund.Web.Tests.Html;

namespace StartupFund.Web.Tests;

/// <summary>The pages over the real API and a seeded database: what each role sees, and that refusals are shown, not hidden.</summary>
public sealed partial class WebAppTests(WebFactory factory) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task Signing_in_keeps_the_token_in_an_httponly_strict_cookie_and_signing_out_clears_it()
    {
        using var session = factory.Session();
        var response = await session.SignInAsync("manager-de");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sf_token=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("path=/app", Case.Insensitive);
        var (_, home) = await session.GetAsync("/app");
        home.ShouldContain("Signed in as demo-manager-de");
        home.ShouldContain("href=\"/app/review\"");
        home.ShouldNotContain("href=\"/app/audit\"");

        var signOut = await session.PostFormAsync("/app", "/app/signout", []);
        signOut.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("sf_token=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pasted_token_that_is_not_a_token_is_refused_with_its_code()
    {
        using var session = factory.Session();
        var response = await session.PostFormAsync("/app/signin", "/app/signin", new() { ["token"] = "not a token" });
        response.Headers.Location!.ToString().ShouldBe("/app/signin?error=signin.token_invalid");
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task A_form_without_the_antiforgery_token_is_refused()
    {
        using var session = factory.Session();
        using var signIn = await session.Client.PostAsync(new Uri("/app/signin", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["identity"] = "admin" }));
        signIn.Headers.Location!.ToString().ShouldBe("/app/signin?error=session.expired");
        signIn.Headers.GetValues("Set-Cookie").ShouldAllBe(c => c.StartsWith("sf_token=;", StringComparison.Ordinal));

        await session.SignInAsync("manager-de");
        var before = await factory.EventCountAsync();
        using var start = await session.Client.PostAsync(new Uri("/app/review/de-app-nordlicht", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "start" }));
        start.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        start.Headers.Location!.ToString().ShouldBe("/app/review/de-app-nordlicht");
        (await factory.EventCountAsync()).ShouldBe(before);
        var (_, page) = await session.GetAsync("/app/review/de-app-nordlicht");
        page.ShouldContain("data-notice=\"notice.formExpired\"");
    }

    [Fact]
    public async Task The_dashboard_draws_the_figures_the_api_computes_in_each_currencys_minor_units()
    {
        using var session = factory.Session();
        await session.SignInAsync("regulator-global");
        foreach (var (country, expected) in new[] { ("DE", "40,000,000.00 EUR"), ("JP", "7,000,000,000 JPY"), ("KW", "25,000,000.000 KWD") })
        {
            var (status, html) = await session.GetAsync($"/app/countries/{country}");
            status.ShouldBe(HttpStatusCode.OK);
            TestId(html, $"balance-{expected[^3..]}-committed").ShouldBe(expected);
        }

        var (_, germany) = await session.GetAsync("/app/countries/DE");
        ShouldHaveACellUnderEveryHeading(germany);
        TestId(germany, "balance-EUR-disbursed").ShouldBe("1,500,000.00 EUR");
        var cash = (await factory.Database.ScalarAsync<long>(
            "select sum(debits_posted - credits_posted)::bigint from ledger.account_balances b join ledger.funds f on f.fund_id = b.fund_id where f.country = 'DE' and b.account = 1000")) / 100m;
        TestId(germany, "balance-EUR-cashOnHand").ShouldBe(cash.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("en")) + " EUR");
        TestId(germany, "leverage-de-ai-fund").ShouldBe("1.40");
        TestId(germany, "pipeline-fullyPaid").ShouldBe("1");
    }

    [Fact]
    public async Task A_tranche_unpaid_after_its_due_date_is_marked_overdue_on_the_dashboard_and_the_review_page()
    {
        // The demo's story began 200 days ago: Aleph's second tranche fell due about 70 days ago and is still unpaid.
        var aleph = (await factory.Services.GetRequiredService<Ledger.StartupFundLedger>().Queries.GetApplicationAsync(new Domain.ApplicationId("de-app-aleph")))!;
        aleph.Tranches[1].Overdue.ShouldBeTrue();
        using var session = factory.Session();
        await session.SignInAsync("manager-de");

        var (_, dashboard) = await session.GetAsync("/app/countries/DE");
        TestId(dashboard, "next-de-app-aleph").Trim().ShouldBe($"2: 600,000.00 EUR, due {aleph.Tranches[1].DueDate!.Value.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}");
        TestId(dashboard, "next-de-app-aleph-overdue").ShouldBe("Overdue");
        TestId(dashboard, "next-de-app-lumen").Trim().ShouldBe("–", "fully paid: no next tranche");
        dashboard.ShouldNotContain("next-de-app-lumen-overdue");

        var (_, review) = await session.GetAsync("/app/review/de-app-aleph");
        TestId(review, "tranche-2-overdue").ShouldBe("Overdue");
        review.ShouldNotContain("tranche-1-overdue", Case.Sensitive, "a paid tranche is never late");
    }

    [Fact]
    public async Task The_tranche_table_says_a_first_milestone_is_not_needed_and_a_cancelled_tranche_will_not_be_paid()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        var (_, offered) = await session.GetAsync("/app/review/de-app-wald");
        TestId(offered, "tranche-1-milestone").ShouldBe("Not needed to pay the first tranche");
        TestId(offered, "tranche-1-paid").ShouldBe("No");
        // The fund's terms stand beside the application: what the reviewer and the startup judge it by.
        TestId(offered, "fund-terms").ShouldMatch(@"^tickets from 100,000\.00 EUR to 2,000,000\.00 EUR; \d+ reviewer scores? before a decision; matching: public share at most 1/2$");

        var (_, cancelled) = await session.GetAsync("/app/review/de-app-spur");
        TestId(cancelled, "tranche-1-paid").ShouldBe("Yes");
        TestId(cancelled, "tranche-2-paid").ShouldBe("Not to be paid");
    }

    [Fact]
    public async Task French_pages_say_so_and_format_numbers_the_french_way()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-kw");
        await session.PostFormAsync("/app/countries/KW", "/app/culture", new() { ["culture"] = "fr", ["returnUrl"] = "/app/countries/KW" });

        var (_, html) = await session.GetAsync("/app/countries/KW");
        html.ShouldContain("<html lang=\"fr\">");
        html.ShouldContain("<h1>Tableau de bord : KW</h1>");
        TestId(html, "balance-KWD-committed").Replace('\u202F', ' ').ShouldBe("25 000 000,000 KWD");
    }

    [Fact]
    public async Task Accept_language_chooses_french_without_a_cookie()
    {
        using var session = factory.Session();
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CA,fr;q=0.9");
        var (_, html) = await session.GetAsync("/app/signin");
        html.ShouldContain("<html lang=\"fr\">");
        html.ShouldContain("<h1>Connexion</h1>");
        // Who each demo identity is, in French too: every one of them has its text.
        html.ShouldContain("Gestionnaire du fonds de l&#x27;Allemagne");
        html.ShouldNotContain("Fund manager of");
        foreach (var identity in Security.DemoIdentities.All)
        {
            html.ShouldNotContain(System.Net.WebUtility.HtmlEncode(identity.Description), Case.Sensitive, identity.Name);
        }
    }

    [Fact]
    public async Task A_startup_sees_its_own_application_with_its_timeline_and_not_another_startups()
    {
        using var session = factory.Session();
        await session.SignInAsync("startup-aleph");

        var (status, own) = await session.GetAsync("/app/applications/de-app-aleph");
        status.ShouldBe(HttpStatusCode.OK);
        own.ShouldContain("data-event-type=\"application-submitted\"");
        own.ShouldContain("data-event-type=\"tranche-disbursed\"");
        TestId(own, "tranche-1-paid").ShouldBe("Yes");
        TestId(own, "tranche-1-due").ShouldMatch(@"^\d{1,2} [A-Z][a-z]+ \d{4}$");

        // The startup's list names the fund as people know it, with its id beside.
        var (_, list) = await session.GetAsync("/app/applications");
        TestId(list, "fund-de-app-aleph").ShouldBe("German AI Seed Fund ");
        list.ShouldContain("<span class=\"muted\">(de-ai-fund)</span>");

        var (otherStatus, other) = await session.GetAsync("/app/applications/de-app-lumen");
        otherStatus.ShouldBe(HttpStatusCode.NotFound);
        other.ShouldContain("Application not found");
        other.ShouldNotContain("Lumen Health");
    }

    [Fact]
    public async Task The_timeline_shows_the_figures_an_event_records()
    {
        using var session = factory.Session();
        await session.SignInAsync("startup-aleph");
        var (_, html) = await session.GetAsync("/app/applications/de-app-aleph");

        FiguresOf(html, "application-submitted").ShouldBe("1,000,000.00 EUR");
        FiguresOf(html, "application-scored").ShouldBe("score 4 of 5");
        FiguresOf(html, "tranche-disbursed").ShouldMatch(@"^400,000\.00 EUR · tranche 1 · value date \d{1,2} [A-Z][a-z]+ \d{4} · payment reference PAY-DE-APP-ALEPH-1$");
        EntryOf(html, "review-started").ShouldNotContain("event-figures");
    }

    [Fact]
    public async Task The_startup_sees_the_question_it_answers_and_the_fund_the_evidence_it_verifies()
    {
        using var sprach = factory.Session();
        await sprach.SignInWithTokenAsync(StartupToken("de-co-sprach"));
        var (_, asked) = await sprach.GetAsync("/app/applications/de-app-sprach");
        TestId(asked, "question").ShouldBe("Please share the cap table after the last round.");

        using var mpesa = factory.Session();
        await mpesa.SignInWithTokenAsync(StartupToken("ke-co-mpesa"));
        var reported = await mpesa.PostFormAsync("/app/applications/ke-app-mpesa", "/app/applications/ke-app-mpesa", new()
        {
            ["tranche"] = "2",
            ["evidence"] = "Second lender signed; default rate report attached.",
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, handler: "report");
        reported.StatusCode.ShouldBe(HttpStatusCode.Redirect, await reported.Content.ReadAsStringAsync());

        using var manager = factory.Session();
        await manager.SignInAsync("manager-ke");
        var (_, review) = await manager.GetAsync("/app/review/ke-app-mpesa");
        TestId(review, "evidence-2").ShouldBe("Second lender signed; default rate report attached.");
    }

    [Fact]
    public async Task The_timeline_shows_the_words_an_event_carries()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        var (_, html) = await session.GetAsync("/app/review/de-app-sprach");
        html.ShouldContain("<strong>Information requested</strong>");
        html.ShouldContain("<blockquote>Please share the cap table after the last round.</blockquote>");
    }

    [Fact]
    public async Task A_second_application_starts_from_the_company_profile_of_the_first()
    {
        using var session = factory.Session();
        await session.SignInAsync("startup-aleph");
        var (_, html) = await session.GetAsync("/app/apply");
        InputValue(html, "f-startup-name").ShouldBe("Aleph Robotics GmbH");
        InputValue(html, "f-startup-country").ShouldBe("DE");
        InputValue(html, "f-startup-registrationNumber").ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_refused_application_shows_each_error_beside_its_field_and_writes_nothing()
    {
        using var session = factory.Session();
        await session.SignInAsync("startup-nordlicht");
        var before = await factory.EventCountAsync();

        var response = await session.PostFormAsync("/app/apply", "/app/apply", new()
        {
            ["fundId"] = "de-ai-fund",
            ["startup.name"] = "Nordlicht Precise",
            ["startup.registrationNumber"] = "HRB 1",
            ["startup.country"] = "DE",
            ["sector"] = "Climate",
            ["stage"] = "seed",
            ["instrument"] = "equity",
            ["requested.amount"] = "1000.001",
            ["summary"] = "Too precise.",
        }, handler: "apply");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<p class=\"field-error\" id=\"e-requested-amount\"><span data-code=\"money.too_many_decimals\">");
        html.ShouldContain("aria-describedby=\"f-requested-amount-help e-requested-amount\"");
        html.ShouldContain("value=\"Nordlicht Precise\"");
        (await factory.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_payment_the_api_refuses_shows_its_code_and_message()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");

        // Aleph's second tranche: its milestone has not even been reported.
        var response = await session.PostFormAsync("/app/review/de-app-aleph", "/app/review/de-app-aleph", new()
        {
            ["tranche"] = "2",
            ["valueDate"] = InDays(0),
            ["paymentReference"] = "SEPA-TEST-1",
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, handler: "disburse");

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-code=\"tranche.milestone_not_verified\"");
        html.ShouldContain("The milestone of this tranche is not verified yet");
        // The ledger's own words say which tranche, which our sentence leaves out.
        TestId(html, "problem-detail").ShouldContain("tranche 2");
    }

    [Fact]
    public async Task A_refusal_after_a_success_shows_the_refusal_alone()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");

        var response = await session.PostFormAsync("/app/review/de-app-aleph?done=paid", "/app/review/de-app-aleph?done=paid", new()
        {
            ["tranche"] = "2",
            ["valueDate"] = InDays(0),
            ["paymentReference"] = "SEPA-TEST-3",
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, handler: "disburse");

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-code=\"tranche.milestone_not_verified\"");
        html.ShouldNotContain("alert alert-ok");
    }

    [Fact]
    public async Task A_tampered_idempotency_key_is_refused_with_the_apis_code_and_nothing_is_written()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        var before = await factory.EventCountAsync();

        var response = await session.PostFormAsync("/app/review/de-app-aleph", "/app/review/de-app-aleph", new()
        {
            ["tranche"] = "2",
            ["valueDate"] = InDays(0),
            ["paymentReference"] = "SEPA-TEST-2",
            ["idempotencyKey"] = "cl\u00e9-\u2028",
        }, handler: "disburse");

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-code=\"idempotency.key_invalid\"");
        (await factory.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_review_page_scores_as_the_manager_and_fills_in_no_reason_code()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        var (_, page) = await session.GetAsync("/app/review/de-app-quanta");
        page.ShouldNotContain("name=\"reviewerId\"");
        // A rejection's reason code is for statistics: nothing is filled in for the manager to send unread.
        var reasonCode = Regex.Match(page, "<input [^>]*name=\"reasonCode\"[^>]*>");
        reasonCode.Success.ShouldBeTrue();
        reasonCode.Value.ShouldNotContain("value=\"out-of-scope\"");
        TestId(page, "score-as").ShouldContain("demo-manager-de");
        // No score is chosen for the manager: one sent without a choice is refused beside its field, nothing written.
        Regex.IsMatch(page, "<option value=\"[1-5]\" selected").ShouldBeFalse();
        var before = await factory.EventCountAsync();
        using (var unchosen = await session.PostFormAsync("/app/review/de-app-quanta", "/app/review/de-app-quanta", new()
        {
            ["score"] = "", ["comment"] = "Sound plan", ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, handler: "score"))
        {
            var refused = await unchosen.Content.ReadAsStringAsync();
            unchosen.StatusCode.ShouldBe(HttpStatusCode.OK, refused);
            refused.ShouldContain("id=\"e-score\"");
            (await factory.EventCountAsync()).ShouldBe(before);
        }

        var response = await session.PostFormAsync("/app/review/de-app-quanta", "/app/review/de-app-quanta", new()
        {
            ["score"] = "4",
            ["comment"] = "Sound plan",
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, handler: "score");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        (await factory.EventCountAsync()).ShouldBe(before + 1);
        var reviewer = await factory.Database.ScalarAsync<string>(
            "select data->'reviewerId'->>'value' from eventstore.events where stream_id = 'application:de-app-quanta' and type = 'application-scored' order by version desc limit 1");
        reviewer.ShouldBe("demo-manager-de");

        // One score per reviewer: the form is not offered again only to be refused with score.already_given.
        var (_, scored) = await session.GetAsync("/app/review/de-app-quanta");
        scored.ShouldNotContain("data-testid=\"score-as\"");
        TestId(scored, "already-scored").ShouldBe("You have scored this application.");
    }

    [Theory]
    [InlineData("de-app-brucke")]
    [InlineData("de-app-fabrik")]
    [InlineData("de-app-kette")]
    public async Task A_page_with_nothing_for_the_fund_to_do_says_so_instead_of_an_empty_heading(string applicationId)
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        var (_, html) = await session.GetAsync($"/app/review/{applicationId}");
        html.ShouldNotContain("What you can do now");
        TestId(html, "no-actions").ShouldBe("Nothing for the fund to do on this application now.");
    }

    [Fact]
    public async Task A_cancelled_application_with_a_paid_tranche_offers_only_the_reversal_of_that_payment()
    {
        // The bank may return a payment after the remainder was cancelled; the books must be able to follow.
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        var (_, html) = await session.GetAsync("/app/review/de-app-spur");
        TestId(html, "application-status").ShouldBe("Cancelled");
        html.ShouldContain("Reverse the payment of tranche 1 (");
        html.ShouldNotContain("Cancel the unpaid remainder");
        html.ShouldContain("nothing is reserved, and the application stays cancelled");
        html.ShouldNotContain("the money is reserved for the tranche again");
        html.ShouldNotContain("data-testid=\"no-actions\"");
    }

    [Fact]
    public async Task A_rejection_is_sent_only_once_its_box_is_ticked()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-ke");
        var (_, page) = await session.GetAsync("/app/review/ke-app-afya");
        page.ShouldContain("<input type=\"checkbox\" id=\"reject-f-confirm\" name=\"confirm\" value=\"yes\" required");
        var before = await factory.EventCountAsync();
        var fields = new Dictionary<string, string>
        {
            ["reasonCode"] = "out-of-scope",
            ["reason"] = "Triage tools are outside this call.",
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        };

        var unticked = await session.PostFormAsync("/app/review/ke-app-afya", "/app/review/ke-app-afya", new(fields), handler: "reject");
        var html = await unticked.Content.ReadAsStringAsync();
        unticked.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<span data-code=\"form.confirm_required\">Tick the box to confirm: this step cannot be undone.</span>");
        html.ShouldContain("Triage tools are outside this call.");
        (await factory.EventCountAsync()).ShouldBe(before);

        fields["confirm"] = "yes";
        var ticked = await session.PostFormAsync("/app/review/ke-app-afya", "/app/review/ke-app-afya", new(fields), handler: "reject");
        ticked.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ticked.Content.ReadAsStringAsync());
        (await factory.EventCountAsync()).ShouldBe(before + 1);
        var (_, rejected) = await session.GetAsync("/app/review/ke-app-afya");
        TestId(rejected, "application-status").ShouldBe("Rejected");
    }

    [Fact]
    public async Task A_manager_approves_with_a_two_tranche_schedule_in_yen()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-jp");
        var response = await session.PostFormAsync("/app/review/jp-app-sakura", "/app/review/jp-app-sakura", new()
        {
            ["trancheCount"] = "2",
            ["amount.amount"] = "40000000",
            ["tranches[0].amount"] = "15000000",
            ["tranches[0].milestone"] = "Japanese model evaluated",
            ["tranches[0].dueDate"] = InDays(120),
            ["tranches[1].amount"] = "25000000",
            ["tranches[1].milestone"] = "First enterprise customer",
            ["tranches[1].dueDate"] = InDays(300),
            ["editor"] = "approve",
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, handler: "approve");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldEndWith("/app/review/jp-app-sakura");
        var (_, html) = await session.GetAsync("/app/review/jp-app-sakura");
        html.ShouldContain("The application was approved and the money reserved.");
        TestId(html, "application-status").ShouldBe("Approved (offer open)");
        TestId(html, "application-approved").ShouldBe("40,000,000 JPY");
        html.ShouldContain("First enterprise customer");
    }

    [Fact]
    public async Task Co_investment_received_is_recorded_while_the_offer_is_open_and_never_without_its_value_date()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        const string page = "/app/review/de-app-wald";
        var (_, html) = await session.GetAsync(page);
        html.ShouldContain("id=\"coinvest-heading\"", customMessage: "an open offer takes co-investment too");
        var before = await factory.EventCountAsync();

        var refused = await session.PostFormAsync(page, page, new()
        {
            ["investorId"] = "wald-late-vc",
            ["investorName"] = "Late VC",
            ["amount.amount"] = "1000.00",
            ["valueDate"] = "",
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, handler: "coinvest");

        var answer = await refused.Content.ReadAsStringAsync();
        answer.ShouldContain("<span data-code=\"text.required\">");
        answer.ShouldNotContain("such as", Case.Insensitive, "an empty date is missing, not badly formatted");
        (await factory.EventCountAsync()).ShouldBe(before, "a form that says 'received' records no bare commitment");
    }

    [Fact]
    public async Task A_refused_co_investment_records_nothing_and_the_corrected_form_sent_twice_is_recorded_once()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        var fields = new Dictionary<string, string>
        {
            ["investorId"] = "web-test-angels",
            ["investorName"] = "Web test angels",
            ["amount.amount"] = "1000.00",
            ["valueDate"] = "not a date",
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        };
        var before = await factory.EventCountAsync();

        var refused = await session.PostFormAsync("/app/review/de-app-aleph", "/app/review/de-app-aleph", new(fields), handler: "coinvest");
        var form = await refused.Content.ReadAsStringAsync();
        form.ShouldContain("<span data-code=\"date.invalid\">");
        form.ShouldContain($"name=\"idempotencyKey\" value=\"{fields["idempotencyKey"]}\"");
        (await factory.EventCountAsync()).ShouldBe(before, "a refused form records no commitment");

        // The user corrects the date and changes the amount: a new request, not idempotency.key_reused.
        fields["valueDate"] = InDays(0);
        fields["amount.amount"] = "1500.00";
        var sent = await session.PostFormAsync("/app/review/de-app-aleph", "/app/review/de-app-aleph", new(fields), handler: "coinvest");
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());

        // The browser sends the same form again (a double click, a retry): replayed, not recorded again.
        var again = await session.PostFormAsync("/app/review/de-app-aleph", "/app/review/de-app-aleph", new(fields), handler: "coinvest");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect, await again.Content.ReadAsStringAsync());
        (await factory.EventCountAsync()).ShouldBe(before + 2, "one commitment and one receipt");

        var (_, html) = await session.GetAsync("/app/review/de-app-aleph");
        Regex.IsMatch(html, @"\(web-test-angels\)</span></th>\s*<td class=""num"">1,500.00 EUR</td>\s*<td class=""num"">1,500.00 EUR</td>\s*<td class=""num"">0.00 EUR</td>")
            .ShouldBeTrue("committed once, received, nothing outstanding");
    }

    [Fact]
    public async Task The_tranche_editor_adds_a_row_on_the_server()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        var response = await session.PostFormAsync("/app/review/de-app-quanta", "/app/review/de-app-quanta", new()
        {
            ["trancheCount"] = "1",
            ["amount.amount"] = "500000.00",
            ["tranches[0].amount"] = "200000.00",
            ["tranches[0].milestone"] = "Pilot",
            ["tranches[0].dueDate"] = InDays(60),
            ["editor"] = "add",
        }, handler: "approve");

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"tranche-row-2\"");
        html.ShouldContain("<label for=\"approve-f-tranches-1--amount\">Tranche 2 amount (EUR)");
        html.ShouldContain("value=\"Pilot\"");
    }

    [Fact]
    public async Task A_regulator_downloads_the_export_and_a_startup_is_told_why_not()
    {
        using var regulator = factory.Session();
        await regulator.SignInAsync("regulator-global");
        using var export = await regulator.Client.GetAsync(new Uri("/app/audit/export?country=KW", UriKind.Relative));
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldStartWith("startupfund-kw-");
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        JsonDocument.Parse(lines[0]).RootElement.GetProperty("scope").GetString().ShouldBe("country:KW");
        JsonDocument.Parse(lines[^1]).RootElement.GetProperty("kind").GetString().ShouldBe("digest");

        using var startup = factory.Session();
        await startup.SignInAsync("startup-aleph");
        using var refused = await startup.Client.GetAsync(new Uri("/app/audit/export", UriKind.Relative));
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldBe("/app/audit/verify?error=auth.forbidden");
    }

    [Fact]
    public async Task Verify_shows_a_clean_ledger_and_its_digest()
    {
        using var session = factory.Session();
        await session.SignInAsync("regulator-de");
        var (_, html) = await session.GetAsync("/app/audit/verify?run=1&country=DE");
        html.ShouldContain("data-clean=\"true\"");
        TestId(html, "digest").ShouldMatch("^[0-9]+:[0-9a-f]{64}$");
    }

    [Fact]
    public async Task A_national_regulator_verifies_exports_and_checks_a_kept_digest_of_its_own_country()
    {
        using var session = factory.Session();
        await session.SignInAsync("regulator-de");
        var (_, page) = await session.GetAsync("/app/audit/verify?run=1");
        page.ShouldNotContain("All countries");
        page.ShouldContain("href=\"/app/audit/export?country=DE\"");
        page.ShouldContain("Download the export (DE)");
        var kept = TestId(page, "digest");

        var (_, same) = await session.GetAsync("/app/audit/verify?country=DE&digest=" + Uri.EscapeDataString(kept));
        same.ShouldContain("data-extends=\"true\"");

        var events = kept.Split(':')[0];
        var forged = events + ":" + new string('0', 64);
        var (_, rewritten) = await session.GetAsync("/app/audit/verify?country=DE&digest=" + forged);
        rewritten.ShouldContain("data-extends=\"false\"");
        rewritten.ShouldContain("does NOT begin with the events of your digest (DE)");

        var (_, malformed) = await session.GetAsync("/app/audit/verify?country=DE&digest=not-a-digest");
        malformed.ShouldContain("data-code=\"audit.digest_invalid\"");
        malformed.ShouldNotContain("data-testid=\"digest-check\"");

        var (_, log) = await session.GetAsync("/app/audit");
        log.ShouldNotContain("All countries");
        log.ShouldContain("<option value=\"DE\" selected>DE</option>");
    }

    [Fact]
    public async Task An_as_of_instant_before_anything_was_recorded_shows_no_funds()
    {
        using var session = factory.Session();
        await session.SignInAsync("regulator-global");
        var (status, html) = await session.GetAsync("/app/countries/DE?date=2020-01-01");
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("data-testid=\"as-of\"");
        html.ShouldContain("No fund is open in this country.");
        html.ShouldNotContain("balance-EUR-committed");
    }

    [Fact]
    public async Task A_filter_the_api_refuses_is_named_by_its_label_not_the_query_field()
    {
        using var session = factory.Session();
        await session.SignInAsync("regulator-global");

        var (_, log) = await session.GetAsync("/app/audit?from=2026-13-45");
        log.ShouldContain("<li>Recorded from (UTC date): ");
        log.ShouldNotContain("<li>recordedFrom:");

        var (_, dashboard) = await session.GetAsync("/app/countries/DE?date=someday");
        dashboard.ShouldContain("<li>As of date (UTC): ");
        dashboard.ShouldNotContain("<li>date:");
    }

    public static TheoryData<string, string> PagesByRole() => new()
    {
        { "startup-aleph", "/app" },
        { "startup-aleph", "/app/applications" },
        { "startup-aleph", "/app/apply" },
        { "startup-aleph", "/app/applications/de-app-aleph" },
        { "manager-de", "/app/countries/DE" },
        { "manager-de", "/app/review" },
        { "manager-de", "/app/review?country=DE&status=active" },
        { "manager-de", "/app/review/de-app-nordlicht" },
        { "manager-de", "/app/review/de-app-sprach" },
        { "manager-de", "/app/review/de-app-wald" },
        { "manager-de", "/app/review/de-app-aleph" },
        { "co-investor-aleph", "/app" },
        { "co-investor-aleph", "/app/investments" },
        { "co-investor-aleph", "/app/applications/de-app-aleph" },
        { "regulator-global", "/app/audit" },
        { "regulator-global", "/app/audit?country=KE&type=funds-disbursed" },
        { "regulator-global", "/app/audit/streams/fund:de-ai-fund" },
        { "regulator-global", "/app/audit/verify" },
        { "regulator-global", "/app/countries/JP" },
    };

    [Theory]
    [MemberData(nameof(PagesByRole))]
    public async Task Every_page_renders_for_its_role_without_a_refusal(string identity, string path)
    {
        using var session = factory.Session();
        await session.SignInAsync(identity);
        var (status, html) = await session.GetAsync(path);
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("<h1>");
        html.ShouldContain("<main id=\"main\"");
        html.ShouldNotContain("alert-error");
    }

    [Fact]
    public async Task Only_the_fund_managers_of_its_country_are_offered_actions_on_an_application()
    {
        using var regulator = factory.Session();
        await regulator.SignInAsync("regulator-de");
        var (status, readOnly) = await regulator.GetAsync("/app/review/de-app-quanta");
        status.ShouldBe(HttpStatusCode.OK);
        TestId(readOnly, "read-only").ShouldContain("Only the fund managers of its country");
        readOnly.ShouldNotContain("name=\"_handler\"");

        using var manager = factory.Session();
        await manager.SignInAsync("manager-de");
        var (_, review) = await manager.GetAsync("/app/review/de-app-quanta");
        review.ShouldContain("name=\"_handler\"");
        review.ShouldNotContain("data-testid=\"read-only\"");

        // The startup's page of an offered application: the manager reads it, the offer's forms are the startup's.
        var (_, startupPage) = await manager.GetAsync("/app/applications/de-app-wald");
        startupPage.ShouldNotContain("Accept the offer");
        startupPage.ShouldNotContain("name=\"_handler\"");
        var (_, list) = await manager.GetAsync("/app/applications");
        list.ShouldNotContain("href=\"/app/apply\"");

        using var startup = factory.Session();
        await startup.SignInAsync("startup-nordlicht");
        var (_, own) = await startup.GetAsync("/app/applications");
        own.ShouldContain("href=\"/app/apply\"");
    }

    [Fact]
    public async Task The_fund_is_told_its_own_next_step_and_the_startup_its_own()
    {
        using var manager = factory.Session();
        await manager.SignInAsync("manager-de");
        var (_, queue) = await manager.GetAsync("/app/review?country=DE");
        queue.ShouldContain("<td>Start the review.</td>");
        queue.ShouldContain("<td>Waiting for the startup to accept or decline the offer.</td>");
        queue.ShouldNotContain("Approved: accept or decline the offer.");
        var (_, offered) = await manager.GetAsync("/app/review/de-app-wald");
        offered.ShouldContain("Waiting for the startup to accept or decline the offer.");

        using var startup = factory.Session();
        await startup.SignInAsync("startup-nordlicht");
        var (_, own) = await startup.GetAsync("/app/applications/de-app-nordlicht");
        own.ShouldContain("Waiting for the fund to start the review.");
    }

    [Fact]
    public async Task The_favicon_a_browser_asks_for_is_not_found_without_a_sign_in()
    {
        using var session = factory.Session();
        var (status, _) = await session.GetAsync("/favicon.ico");
        status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_investments_page_tells_someone_who_is_not_a_co_investor_so()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        var (status, html) = await session.GetAsync("/app/investments");
        status.ShouldBe(HttpStatusCode.OK);
        TestId(html, "not-investor").ShouldContain("not signed in as a co-investor");
        html.ShouldNotContain("<table");
    }

    [Theory]
    [InlineData("/app/review")]
    [InlineData("/app/countries/DE")]
    [InlineData("/app/applications")]
    [InlineData("/app/investments")]
    public async Task Pages_ask_an_anonymous_visitor_to_sign_in(string path)
    {
        using var session = factory.Session();
        var (status, html) = await session.GetAsync(path);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain($"href=\"/app/signin?returnUrl={Uri.EscapeDataString(path)}\"");
        html.ShouldNotContain("data-code=", Case.Sensitive, "asked to sign in, not refused with a problem");
    }

    /// <summary>Every row of every table has exactly as many cells as the table has column headings, so no figure sits under another's heading.</summary>
    private static void ShouldHaveACellUnderEveryHeading(string html)
    {
        var tables = Regex.Matches(html, "<table.*?</table>", RegexOptions.Singleline);
        tables.Count.ShouldBeGreaterThan(0);
        foreach (Match table in tables)
        {
            var headings = Regex.Count(Regex.Match(table.Value, "<thead>.*?</thead>", RegexOptions.Singleline).Value, "<th[ >]");
            var body = Regex.Match(table.Value, "<tbody>.*?</tbody>", RegexOptions.Singleline).Value;
            foreach (Match row in Regex.Matches(body, "<tr.*?</tr>", RegexOptions.Singleline))
            {
                Regex.Count(row.Value, "<t[dh][ >]").ShouldBe(headings, Regex.Match(table.Value, "<caption[^>]*>(.*?)</caption>").Groups[1].Value);
            }
        }
    }

    /// <summary>A due date counted from today: the app runs on the real clock and refuses a tranche due before its approval.</summary>
    private static string InDays(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A startup's token, for the seeded startups without a demo identity.</summary>
    private string StartupToken(string startupId) =>
        new Security.LocalTokens(factory.Services.GetRequiredService<Security.AuthOptions>(), NodaTime.SystemClock.Instance)
            .Mint(new Security.TokenIdentity("test-" + startupId, [Security.Roles.Startup], StartupId: startupId));

    /// <summary>The figures line of the first timeline entry of an event type.</summary>
    private static string FiguresOf(string html, string eventType) => TestId(EntryOf(html, eventType), "event-figures");

    private static string EntryOf(string html, string eventType)
    {
        var entry = Regex.Match(html, $"<li data-event-type=\"{Regex.Escape(eventType)}\">(.*?)</li>", RegexOptions.Singleline);
        entry.Success.ShouldBeTrue($"no timeline entry {eventType}");
        return entry.Groups[1].Value;
    }
}

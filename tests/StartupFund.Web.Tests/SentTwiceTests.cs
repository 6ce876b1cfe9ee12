using System.Net;
using System.Text.RegularExpressions;

namespace StartupFund.Web.Tests;

/// <summary>A form posted again after it went through (a double click, a browser retry, a stale tab), when the page no longer shows it.</summary>
public sealed class SentTwiceTests(WebFactory factory) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task Starting_a_review_twice_from_the_same_page_answers_the_page_as_it_now_stands()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-ke");
        var fields = new Dictionary<string, string> { ["idempotencyKey"] = Guid.NewGuid().ToString("N") };

        var first = await session.PostFormAsync("/app/review/ke-app-afya", "/app/review/ke-app-afya", new(fields), handler: "start");
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await session.PostFormAsync("/app/review/ke-app-afya", "/app/review/ke-app-afya", new(fields), handler: "start");
        second.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await second.Content.ReadAsStringAsync());
        second.Headers.Location!.ToString().ShouldBe("/app/review/ke-app-afya");

        var (status, html) = await session.GetAsync("/app/review/ke-app-afya");
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("data-notice=\"notice.formGone\"");
        html.ShouldContain("That form was already sent, or no longer applies");
        html.ShouldContain("Under review");
    }

    [Fact]
    public async Task A_success_says_so_once_on_the_page_it_leads_to()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");

        var sent = await session.PostFormAsync("/app/review/de-app-nordlicht", "/app/review/de-app-nordlicht",
            new() { ["idempotencyKey"] = Guid.NewGuid().ToString("N") }, handler: "start");

        sent.Headers.Location!.ToString().ShouldEndWith("/app/review/de-app-nordlicht");
        var (_, first) = await session.GetAsync("/app/review/de-app-nordlicht");
        first.ShouldContain("The review has started.");
        var (_, again) = await session.GetAsync("/app/review/de-app-nordlicht");
        again.ShouldNotContain("The review has started.");
    }

    [Theory]
    [InlineData("/app/review/de-app-quanta?done=approved", "The application was approved")]
    [InlineData("/app/review/de-app-quanta?done=%3Cb%3Ehi", "done.")]
    [InlineData("/app/signin?error=Session%20expired.%20Paste%20your%20token%20at%20https%3A%2F%2Fevil.example", "evil.example")]
    [InlineData("/app/signin?error=fund.insufficient_cash", "not enough cash")]
    [InlineData("/app/audit/verify?error=Call%20https%3A%2F%2Fevil.example", "evil.example")]
    public async Task A_link_cannot_put_words_in_an_alert(string path, string forged)
    {
        using var session = factory.Session();
        await session.SignInAsync(path.StartsWith("/app/audit", StringComparison.Ordinal) ? "regulator-global" : "manager-de");

        var (status, html) = await session.GetAsync(path);

        status.ShouldBe(HttpStatusCode.OK);
        // The address itself is in the page (the language picker comes back to it): look at the text only.
        Regex.Replace(html, "(value|action)=\"[^\"]*\"", string.Empty).ShouldNotContain(forged);
        html.ShouldNotContain("role=\"alert\"");
        html.ShouldNotContain("alert-ok");
    }

    [Fact]
    public async Task A_known_refusal_code_in_the_address_is_shown_in_its_words()
    {
        using var session = factory.Session();
        await session.SignInAsync("regulator-global");

        var (_, html) = await session.GetAsync("/app/audit/verify?error=auth.forbidden");

        html.ShouldContain("data-code=\"auth.forbidden\"");
        html.ShouldContain("Your role does not allow this.");
    }
}

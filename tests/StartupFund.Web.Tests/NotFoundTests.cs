using System.Net;
using System.Text.Json;

namespace StartupFund.Web.Tests;

/// <summary>
/// Nothing at an address under /app: an HTML page in the web app's layout under status 404, in the
/// visitor's language; a page about one resource that does not exist (or that this caller may not
/// see) says so under 404 too. Outside /app the API keeps answering ProblemDetails.
/// </summary>
public sealed class NotFoundTests(WebFactory factory) : IClassFixture<WebFactory>
{
    [Theory]
    [InlineData("/app/nope")]
    [InlineData("/app/applications/de-app-aleph/nope")]
    [InlineData("/app/audit/nope/deeper")]
    public async Task An_unknown_path_under_app_answers_an_html_404_page_in_the_layout(string path)
    {
        using var session = factory.Session();
        using var response = await session.Client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("<html lang=\"en\">");
        html.ShouldContain("<main id=\"main\"");
        html.ShouldContain("<h1>Page not found</h1>");
        html.ShouldContain("href=\"/app\"");
    }

    [Fact]
    public async Task The_404_page_speaks_french_to_a_french_visitor()
    {
        using var session = factory.Session();
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        var (status, html) = await session.GetAsync("/app/nope");

        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("<html lang=\"fr\">");
        html.ShouldContain("<h1>Page introuvable</h1>");
    }

    [Fact]
    public async Task A_signed_in_visitor_gets_the_same_404_page_with_their_navigation()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        var (status, html) = await session.GetAsync("/app/nope");

        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("<h1>Page not found</h1>");
        html.ShouldContain("href=\"/app/review\"");
    }

    [Fact]
    public async Task An_unknown_api_path_keeps_answering_problem_details()
    {
        var token = new Security.LocalTokens(new Security.AuthOptions { SigningKey = WebFactory.SigningKey }, NodaTime.SystemClock.Instance)
            .Mint(Security.DemoIdentities.Find("regulator-global")!.Identity);
        using var session = factory.Session();
        session.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await session.Client.GetAsync(new Uri("/nope", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(404);
        problem.RootElement.GetProperty("code").GetString().ShouldBe("resource.not_found");
    }

    public static TheoryData<string, string, string, string> MissingResources() => new()
    {
        // another startup's application: this caller may not see it, so it does not exist for them
        { "startup-aleph", "/app/applications/de-app-lumen", "Application not found", "Candidature introuvable" },
        { "startup-aleph", "/app/applications/no-such-application", "Application not found", "Candidature introuvable" },
        { "manager-de", "/app/review/no-such-application", "Application not found", "Candidature introuvable" },
        // a Japanese application is outside a German manager's countries
        { "manager-de", "/app/review/jp-app-sakura", "Application not found", "Candidature introuvable" },
        { "regulator-global", "/app/audit/streams/fund:no-such-fund", "Stream fund:no-such-fund", "Flux fund:no-such-fund" },
    };

    [Theory]
    [MemberData(nameof(MissingResources))]
    public async Task A_page_about_a_resource_that_is_not_there_answers_404_with_its_own_text(string identity, string path, string english, string french)
    {
        using var session = factory.Session();
        await session.SignInAsync(identity);
        var (status, html) = await session.GetAsync(path);
        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain($"<h1>{english}</h1>", Case.Sensitive, html[html.IndexOf("<main", StringComparison.Ordinal)..]);
        html.ShouldContain("alert-error");

        await session.PostFormAsync("/app", "/app/culture", new() { ["culture"] = "fr", ["returnUrl"] = "/app" });
        var (frenchStatus, frenchHtml) = await session.GetAsync(path);
        frenchStatus.ShouldBe(HttpStatusCode.NotFound);
        frenchHtml.ShouldContain($"<h1>{french}</h1>");
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace StartupFund.Web.Tests;

/// <summary>
/// The API is down (its 503, or no answer at all) or failing (another 5xx): a page under /app answers
/// 503 with Retry-After and a page in the layout that says to come back in a minute, in the visitor's
/// language, or 502 with a plain page; never 200, never the failure's own text. Form posts too.
/// </summary>
public sealed partial class UnavailableTests(WebFactory factory) : IClassFixture<WebFactory>
{
    private const string Unavailable = "The ledger is briefly unavailable; try again in a minute.";

    /// <summary>What the API answers while its database is down (server.unavailable, Retry-After).</summary>
    private static HttpResponseMessage DatabaseDown(string retryAfterSeconds)
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent(
                """{"type":"about:blank","title":"Service unavailable","status":503,"code":"server.unavailable","detail":"The database is unavailable: Npgsql connection refused at 10.0.0.7"}""",
                Encoding.UTF8,
                "application/problem+json"),
        };
        response.Headers.Add("Retry-After", retryAfterSeconds);
        return response;
    }

    private static HttpResponseMessage Refused(HttpRequestMessage request) =>
        throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connection refused ({request.RequestUri})", new SocketException((int)SocketError.ConnectionRefused));

    private async Task<T> WhileApiAsync<T>(Func<HttpRequestMessage, HttpResponseMessage?> fault, Func<Task<T>> run)
    {
        factory.ApiFault = fault;
        try
        {
            return await run();
        }
        finally
        {
            factory.ApiFault = null;
        }
    }

    private static string MainOf(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..];

    [Theory]
    [InlineData("startup-aleph", "/app/applications")]
    [InlineData("startup-aleph", "/app/applications/de-app-aleph")]
    [InlineData("startup-aleph", "/app/apply")]
    [InlineData("manager-de", "/app/review")]
    [InlineData("manager-de", "/app/countries/DE")]
    [InlineData("regulator-global", "/app/audit")]
    [InlineData("regulator-global", "/app")]
    public async Task A_page_answers_503_with_the_apis_retry_after_while_its_database_is_down(string identity, string path)
    {
        using var session = factory.Session();
        await session.SignInAsync(identity);
        using var response = await WhileApiAsync(_ => DatabaseDown("7"), () => session.Client.GetAsync(new Uri(path, UriKind.Relative)));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("<html lang=\"en\">");
        html.ShouldContain("<h1>Briefly unavailable</h1>");
        MainOf(html).ShouldContain(Unavailable);
        html.ShouldContain("data-testid=\"signed-in-as\"");
        // Trying again, or changing language, comes back to the page asked for.
        html.ShouldContain($"name=\"returnUrl\" value=\"{path}\"");
        html.ShouldNotContain("Npgsql");
        html.ShouldNotContain("server.unavailable");
    }

    [Fact]
    public async Task The_unavailable_page_speaks_french_to_a_french_visitor()
    {
        using var session = factory.Session();
        await session.SignInAsync("startup-aleph");
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        using var response = await WhileApiAsync(_ => DatabaseDown("30"), () => session.Client.GetAsync(new Uri("/app/applications", UriKind.Relative)));
        // Blazor writes letters outside ASCII as character references.
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        html.ShouldContain("<html lang=\"fr\">");
        html.ShouldContain("<h1>Brièvement indisponible</h1>");
        MainOf(html).ShouldContain("Le registre est brièvement indisponible ; réessayez dans une minute.");
    }

    [Fact]
    public async Task An_api_that_cannot_be_reached_is_unavailable_for_a_minute_and_its_error_text_stays_out()
    {
        using var session = factory.Session();
        await session.SignInAsync("manager-de");
        using var response = await WhileApiAsync(Refused, () => session.Client.GetAsync(new Uri("/app/review", UriKind.Relative)));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60));
        MainOf(html).ShouldContain(Unavailable);
        html.ShouldNotContain("refused", Case.Insensitive);
        html.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task Another_failure_of_the_api_answers_502_with_a_plain_page_and_no_retry_after()
    {
        using var session = factory.Session();
        await session.SignInAsync("startup-aleph");
        using var response = await WhileApiAsync(
            _ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("System.NullReferenceException at StartupFund.Api.Secret()") },
            () => session.Client.GetAsync(new Uri("/app/applications", UriKind.Relative)));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        response.Headers.RetryAfter.ShouldBeNull();
        html.ShouldContain("<h1>Something went wrong</h1>");
        html.ShouldNotContain(Unavailable);
        html.ShouldNotContain("NullReferenceException");
    }

    [Fact]
    public async Task A_failure_of_the_web_app_itself_answers_500_with_the_plain_page_and_no_exception_text()
    {
        using var session = factory.Session();
        await session.SignInAsync("startup-aleph");
        // An answer this build cannot read: the page throws while loading.
        using var response = await WhileApiAsync(
            _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"items\": 42}", Encoding.UTF8, "application/json") },
            () => session.Client.GetAsync(new Uri("/app/applications", UriKind.Relative)));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("<h1>Something went wrong</h1>");
        html.ShouldNotContain("JsonException");
        html.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_command_posted_while_the_api_is_down_answers_503_not_the_form_again()
    {
        using var session = factory.Session();
        await session.SignInAsync("startup-nordlicht");
        var before = await factory.EventCountAsync();
        var (_, form) = await session.GetAsync("/app/apply");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value),
            ["_handler"] = "apply",
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
            ["fundId"] = "de-ai-fund",
            ["startup.name"] = "Nordlicht Outage",
            ["startup.registrationNumber"] = "HRB 2",
            ["startup.country"] = "DE",
            ["sector"] = "Climate",
            ["stage"] = "seed",
            ["instrument"] = "equity",
            ["requested.amount"] = "1000.00",
            ["summary"] = "Sent while the ledger is down.",
        };

        // Down for the command only (the page's own reads pass), then for everything.
        Func<HttpRequestMessage, HttpResponseMessage?>[] faults = [r => r.Method == HttpMethod.Post ? DatabaseDown("5") : null, _ => DatabaseDown("5")];
        foreach (var fault in faults)
        {
            using var response = await WhileApiAsync(fault, () => session.Client.PostAsync(new Uri("/app/apply", UriKind.Relative), new FormUrlEncodedContent(fields)));
            var html = await response.Content.ReadAsStringAsync();

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
            MainOf(html).ShouldContain(Unavailable);
            html.ShouldNotContain("value=\"Nordlicht Outage\"");
        }

        (await factory.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Once_the_api_is_back_the_page_answers_200_again_and_the_failure_page_has_no_address_of_its_own()
    {
        using var session = factory.Session();
        await session.SignInAsync("startup-aleph");
        (await WhileApiAsync(_ => DatabaseDown("7"), () => session.GetAsync("/app/applications"))).Status.ShouldBe(HttpStatusCode.ServiceUnavailable);

        var (status, html) = await session.GetAsync("/app/applications");
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldNotContain(Unavailable);

        var (errorStatus, errorHtml) = await session.GetAsync("/app/error");
        errorStatus.ShouldBe(HttpStatusCode.NotFound);
        errorHtml.ShouldContain("<h1>Page not found</h1>");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

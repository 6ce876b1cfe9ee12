using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using StartupFund.Security;

namespace StartupFund.Web.Tests;

/// <summary>A page rendered while signed in, whose form is sent after the sign-in expired.</summary>
public sealed partial class SessionExpiryTests(WebFactory factory) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task A_form_sent_after_the_sign_in_expired_leads_to_the_sign_in_page_and_back()
    {
        var page = await RenderedWhileSignedInAsync("/app/apply");

        using var response = await PostAsync("/app/apply", page, new() { ["_handler"] = "apply", ["summary"] = "typed" });

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldBe("/app/signin?error=session.expired&returnUrl=%2Fapp%2Fapply");
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("sf_token=;", StringComparison.Ordinal));
        var (_, signIn) = await factory.Session().GetAsync(response.Headers.Location.ToString());
        signIn.ShouldContain("data-code=\"session.expired\"");
        signIn.ShouldContain("Your sign-in expired before the form was sent");
        signIn.ShouldContain("name=\"returnUrl\" value=\"/app/apply\"");
    }

    [Fact]
    public async Task What_was_typed_before_the_sign_in_expired_is_back_in_the_form_for_its_owner_only()
    {
        var page = await RenderedWhileSignedInAsync("/app/apply");
        using var response = await PostAsync("/app/apply", page, new()
        {
            ["_handler"] = "apply",
            ["sector"] = "Grid storage",
            ["summary"] = "We forecast & balance <local> grids.",
            ["idempotencyKey"] = "key-typed-before",
        });
        var draft = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sf_draft=", StringComparison.Ordinal));
        draft.ShouldContain("httponly", Case.Insensitive);
        draft.ShouldContain("samesite=strict", Case.Insensitive);
        draft.ShouldNotContain("Grid storage");
        var cookie = draft.Split(';')[0];

        // The sign-in page comes first: the draft waits (it is not deleted there).
        var signIn = await GetAsync(response.Headers.Location!.ToString(), cookie, token: null);
        (signIn.Headers.TryGetValues("Set-Cookie", out var set) ? set : []).ShouldNotContain(c => c.StartsWith("sf_draft=", StringComparison.Ordinal));

        // Another person signed in on the same browser finds an empty form, and the draft is gone.
        var other = await GetAsync("/app/apply", cookie, Token(expired: false, "startup-aleph"));
        var otherHtml = await other.Content.ReadAsStringAsync();
        otherHtml.ShouldNotContain("Grid storage");
        other.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("sf_draft=;", StringComparison.Ordinal));

        // Its owner, signed in again, finds the form as it was, and is told why.
        var back = await GetAsync("/app/apply", cookie, Token(expired: false));
        var html = await back.Content.ReadAsStringAsync();
        html.ShouldContain("value=\"Grid storage\"");
        html.ShouldContain("We forecast &amp; balance &lt;local&gt; grids.");
        html.ShouldContain("data-notice=\"notice.draftRestored\"");
        back.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("sf_draft=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_out_after_the_sign_in_expired_still_signs_out()
    {
        var page = await RenderedWhileSignedInAsync("/app/applications");

        using var response = await PostAsync("/app/signout", page, []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldBe("/app/signin");
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("sf_token=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_language_after_the_sign_in_expired_still_changes_it()
    {
        var page = await RenderedWhileSignedInAsync("/app/applications");

        using var response = await PostAsync("/app/culture", page, new() { ["culture"] = "fr", ["returnUrl"] = "/app/applications" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldBe("/app/applications");
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_in_from_a_sign_in_page_rendered_before_the_sign_in_expired_shows_the_page_again()
    {
        var page = await RenderedWhileSignedInAsync("/app/signin");

        using var response = await PostAsync("/app/signin", page, new() { ["identity"] = "manager-de" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldBe("/app/signin?error=session.expired");
    }

    /// <summary>What a browser holds after rendering <paramref name="path"/> while signed in: the antiforgery cookie and the form's token.</summary>
    private async Task<(string AntiforgeryCookie, string FormToken)> RenderedWhileSignedInAsync(string path)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", "sf_token=" + Token(expired: false));
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Signed in as");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        return (cookie, WebUtility.HtmlDecode(FormToken().Match(html).Groups[1].Value));
    }

    /// <summary>Posts with the page's antiforgery cookie and token, and a sign-in that has expired since.</summary>
    private async Task<HttpResponseMessage> PostAsync(string path, (string AntiforgeryCookie, string FormToken) page, Dictionary<string, string> fields)
    {
        using var client = Client();
        fields["__RequestVerificationToken"] = page.FormToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", $"{page.AntiforgeryCookie}; sf_token={Token(expired: true)}");
        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string cookies, string? token)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", token is null ? cookies : $"{cookies}; sf_token={token}");
        return await client.SendAsync(request);
    }

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A startup's token: fresh, or a 1-minute one minted two hours ago.</summary>
    private string Token(bool expired, string startup = "startup-nordlicht")
    {
        var tokens = new LocalTokens(factory.Services.GetRequiredService<AuthOptions>(), SystemClock.Instance);
        var identity = DemoIdentities.Find(startup)!.Identity;
        return expired
            ? tokens.MintValidFrom(identity, SystemClock.Instance.GetCurrentInstant() - Duration.FromHours(2), Duration.FromMinutes(1))
            : tokens.Mint(identity);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}

using System.Net;
using System.Text.RegularExpressions;

namespace StartupFund.Web.Tests;

/// <summary>What a browser does with our pages, over HTTP: cookies, antiforgery tokens, form posts.</summary>
public sealed partial class WebSession(HttpClient client) : IDisposable
{
    public HttpClient Client => client;

    public async Task<HttpResponseMessage> SignInAsync(string identity)
    {
        var response = await PostFormAsync("/app/signin", "/app/signin", new() { ["identity"] = identity, ["returnUrl"] = "/app" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response;
    }

    /// <summary>Signs in with a pasted bearer token (for a startup the demo identities do not cover).</summary>
    public async Task SignInWithTokenAsync(string token)
    {
        var response = await PostFormAsync("/app/signin", "/app/signin", new() { ["token"] = token, ["returnUrl"] = "/app" });
        response.Headers.Location?.ToString().ShouldBe("/app");
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form of <paramref name="page"/> to <paramref name="action"/>, with the antiforgery token the page rendered.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, Dictionary<string, string> fields, string? handler = null)
    {
        var (_, html) = await GetAsync(page);
        var token = AntiforgeryToken().Match(html);
        token.Success.ShouldBeTrue($"{page} renders no antiforgery token");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        if (handler is not null)
        {
            fields["_handler"] = handler;
        }

        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

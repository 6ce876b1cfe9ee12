using System.Net;
using System.Text.RegularExpressions;
using StartupFund.Reliability.Tests.Harness;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>
/// What a browser holds after loading a web app page: the antiforgery cookie and the form's token,
/// so that fuzzed form posts get past the antiforgery check to the handlers behind it.
/// </summary>
public sealed partial record FormSession(string Cookie, string Token)
{
    public static async Task<FormSession> OpenAsync(ApiClient client, string page)
    {
        ArgumentNullException.ThrowIfNull(client);
        var reply = await client.GetAsync(page);
        reply.Status.ShouldBe(200, $"GET {page}: {reply}");
        var token = TokenInput().Match(reply.Body);
        token.Success.ShouldBeTrue($"no antiforgery token in {page}");
        var cookies = reply.Headers!.TryGetValues("Set-Cookie", out var values) ? values : [];
        var cookie = string.Join("; ", cookies.Select(c => c.Split(';')[0]));
        cookie.ShouldNotBeEmpty($"no antiforgery cookie from {page}");
        return new FormSession(cookie, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StartupFund.Web.Localization;

namespace StartupFund.Web.Session;

/// <summary>The three form posts that only set or clear a cookie and go back: sign in, sign out, language.</summary>
public static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var session = app.MapGroup(string.Empty).AllowAnonymous().ExcludeFromDescription();
        session.MapPost("/app/signin", async (HttpContext http, IAntiforgery antiforgery, [FromForm] string? identity, [FromForm] string? token, [FromForm] string? returnUrl) =>
        {
            // Checked here, not by the framework: a sign-in page rendered before a sign-in expired holds a
            // token of the user who was signed in; it then answers the sign-in page again, not raw JSON.
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
            {
                TokenCookie.Clear(http);
                return Results.LocalRedirect($"/app/signin?error={SignIn.SessionExpired}");
            }

            var signIn = http.RequestServices.GetRequiredService<SignIn>();
            var minted = await signIn.TokenForAsync(identity, token).ConfigureAwait(false);
            if (minted.Token is null)
            {
                return Results.LocalRedirect($"/app/signin?error={Uri.EscapeDataString(minted.Error!)}");
            }

            TokenCookie.Write(http, minted.Token);
            return Results.LocalRedirect(LocalOr(returnUrl, "/app"));
        }).DisableAntiforgery();

        // Neither checks antiforgery: signing out and choosing a language are harmless to forge, and must
        // work from a page rendered before the sign-in expired (its token names a user no longer signed in).

        session.MapPost("/app/signout", (HttpContext http, [FromForm] string? returnUrl) =>
        {
            TokenCookie.Clear(http);
            return Results.LocalRedirect("/app/signin");
        }).DisableAntiforgery();

        session.MapPost("/app/culture", (HttpContext http, [FromForm] string? culture, [FromForm] string? returnUrl) =>
        {
            if (WebCultures.IsSupported(culture))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                    new CookieOptions { Path = "/app", SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            }

            return Results.LocalRedirect(LocalOr(returnUrl, "/app"));
        }).DisableAntiforgery();
    }

    /// <summary>
    /// Only a path of this app is a place to go back to (no open redirect), written in plain printable
    /// ASCII (a control or non-ASCII character cannot go into a Location header) and without dot
    /// segments that would climb out of the app.
    /// </summary>
    public static string LocalOr(string? returnUrl, string fallback) =>
        returnUrl is { Length: > 0 and <= 2000 }
            && (returnUrl == StartupFundWeb.PathBase
                || returnUrl.StartsWith(StartupFundWeb.PathBase + "/", StringComparison.Ordinal)
                || returnUrl.StartsWith(StartupFundWeb.PathBase + "?", StringComparison.Ordinal))
            && returnUrl.All(c => c is > ' ' and <= '~' and not '\\')
            && !PathOf(returnUrl).Split('/').Any(segment => segment is "." or "..")
            ? returnUrl
            : fallback;

    private static string PathOf(string url) => url.Split('?', 2)[0];
}

using Microsoft.AspNetCore.Http;

namespace StartupFund.Web.Session;

/// <summary>
/// The signed-in user's bearer token lives in one cookie, <c>sf_token</c>: HttpOnly (no script reads it),
/// SameSite=Strict (no other site's page can make the browser send it) and Secure over HTTPS.
/// </summary>
public static class TokenCookie
{
    public const string Name = "sf_token";

    /// <summary>Longest token we keep (a JWT of a few claims is well under 2 KiB; browsers cap a cookie at 4 KiB).</summary>
    public const int MaxLength = 3500;

    public static string? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies.TryGetValue(Name, out var token) && token is { Length: > 0 and <= MaxLength } ? token : null;
    }

    public static void Write(HttpContext context, string token)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(Name, token, Options(context));
    }

    public static void Clear(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(Name, Options(context));
    }

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/app",
        IsEssential = true,
    };
}

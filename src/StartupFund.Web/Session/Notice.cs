using Microsoft.AspNetCore.Http;

namespace StartupFund.Web.Session;

/// <summary>
/// A one-time message for the next page the user sees ("The application was approved…", "That form was
/// already sent…"): the resource key of a message this server chose, carried in a short-lived cookie set
/// on the redirect and taken by the page it leads to. A link cannot forge it (a query string is not read),
/// and only the keys listed here are ever shown.
/// </summary>
public static class Notice
{
    public const string CookieName = "sf_notice";

    /// <summary>Long enough for the redirect that follows the post, short enough not to greet a later visit.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public const string FormGone = "notice.formGone";
    public const string FormExpired = "notice.formExpired";

    /// <summary>Every message a notice can carry: the success of each command form, and the two about a form that could not be handled.</summary>
    public static IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "done.accepted", "done.amended", "done.answered", "done.applied", "done.approved", "done.asked", "done.cancelled",
        "done.coInvested", "done.coInvestmentCorrected", "done.declined", "done.disbursed", "done.received", "done.rejected", "done.reported", "done.reversed",
        "done.reversedCancelled", "done.reviewStarted", "done.scored", "done.verified", "done.withdrawn",
        FormGone, FormExpired,
    };

    public static void Set(HttpContext context, string key)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Keys.Contains(key))
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, "Not a notice this server shows.");
        }

        context.Response.Cookies.Append(CookieName, key, Options(context, Lifetime));
    }

    /// <summary>The notice waiting for this page, if any, which is then gone; an unknown value is dropped unread.</summary>
    public static string? Take(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookieName, out var key))
        {
            return null;
        }

        if (!context.Response.HasStarted)
        {
            context.Response.Cookies.Delete(CookieName, Options(context, null));
        }

        return key is not null && Keys.Contains(key) ? key : null;
    }

    private static CookieOptions Options(HttpContext context, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/app",
        IsEssential = true,
        MaxAge = maxAge,
    };
}

using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace StartupFund.Web.Session;

/// <summary>
/// What a user typed into a form sent after the sign-in expired, kept for the page they come back to
/// once signed in again, so they find the form as they left it. The draft is encrypted (Data Protection),
/// lives 30 minutes in one cookie (<c>sf_draft</c>, HttpOnly, SameSite=Strict), belongs to the page it
/// was posted to and to the person whose sign-in expired (someone else signing in on the same browser
/// finds nothing), and is read once. A form too large for a cookie is not kept.
/// </summary>
public static class FormDraft
{
    public const string CookieName = "sf_draft";

    private const string Purpose = "StartupFund.Web.FormDraft";

    /// <summary>Browsers keep about 4 KiB per cookie; the sign-in token has its own.</summary>
    private const int MaxCookieLength = 3_800;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>Keeps the posted form of <paramref name="page"/> for <paramref name="subject"/>; false when there is nothing to keep or it is too large.</summary>
    /// <remarks>
    /// The form failed its antiforgery check, so ASP.NET Core refuses to hand it out: its check is lifted
    /// for this one read of the copy the antiforgery middleware parsed, and the request then ends in a
    /// redirect. Nothing in the form is acted on: it only fills the form in again for the person whose
    /// (expired) sign-in cookie came with it, a cookie a browser sends from our own pages only
    /// (SameSite=Strict), so another site cannot plant a draft.
    /// </remarks>
    public static bool Keep(HttpContext context, string page, string? subject)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (subject is null || ParsedForm(context) is not { } form)
        {
            return false;
        }

        var fields = form
            .Where(field => field.Key != "__RequestVerificationToken")
            .ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);
        var json = JsonSerializer.Serialize(new Draft(page, subject, fields));
        var sealedDraft = Protector(context).Protect(json);
        if (sealedDraft.Length > MaxCookieLength)
        {
            return false;
        }

        context.Response.Cookies.Append(CookieName, sealedDraft, Options(context, Lifetime));
        return true;
    }

    private static IFormCollection? ParsedForm(HttpContext context)
    {
        var antiforgery = context.Features.Get<IAntiforgeryValidationFeature>();
        context.Features.Set<IAntiforgeryValidationFeature>(null);
        try
        {
            return context.Features.Get<IFormFeature>()?.Form;
        }
        finally
        {
            context.Features.Set(antiforgery);
        }
    }

    /// <summary>
    /// The fields kept for this page and the signed-in <paramref name="subject"/>, read once per request and
    /// then deleted; null when there is none, it is another page's (kept for it), it waits for a sign-in
    /// (kept), or it is another person's or unreadable (deleted).
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Take(HttpContext context, string? subject)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(typeof(FormDraft), out var taken))
        {
            return taken as IReadOnlyDictionary<string, string>;
        }

        var fields = Read(context, subject);
        context.Items[typeof(FormDraft)] = fields;
        return fields;
    }

    /// <summary>The subject of a token this server can no longer verify (it expired): only to match a draft to its owner, never to act.</summary>
    public static string? SubjectOf(string? token)
    {
        try
        {
            return token is null ? null : new JsonWebToken(token).Subject is { Length: > 0 } subject ? subject : null;
        }
        catch (ArgumentException)
        {
            return null;   // not a JWT (IdentityModel's malformed-token exceptions are ArgumentExceptions)
        }
    }

    private static Dictionary<string, string>? Read(HttpContext context, string? subject)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var sealedDraft) || string.IsNullOrEmpty(sealedDraft))
        {
            return null;
        }

        Draft? draft;
        try
        {
            draft = JsonSerializer.Deserialize<Draft>(Protector(context).Unprotect(sealedDraft));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            draft = null;
        }

        // Another page's draft, or one waiting for its owner to sign in (the sign-in page comes first), stays.
        if (draft is not null && (draft.Page != context.Request.Path + context.Request.QueryString || subject is null))
        {
            return null;
        }

        if (!context.Response.HasStarted)
        {
            context.Response.Cookies.Delete(CookieName, Options(context, null));
        }

        return draft is not null && draft.Subject == subject ? draft.Fields : null;
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static CookieOptions Options(HttpContext context, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = StartupFundWeb.PathBase,
        IsEssential = true,
        MaxAge = maxAge,
    };

    private sealed record Draft(string Page, string Subject, Dictionary<string, string> Fields);
}

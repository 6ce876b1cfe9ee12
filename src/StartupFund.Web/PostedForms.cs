using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using StartupFund.Web.Session;

namespace StartupFund.Web;

/// <summary>
/// A form post a page cannot handle is answered with a page, never the framework's blank (or raw) 400:
/// <list type="bullet">
/// <item>Its antiforgery token no longer matches, because the sign-in expired since the page was rendered
/// (the token was issued to the signed-in user): the sign-in page, saying so, then back to the page,
/// with what the user typed kept for them (<see cref="FormDraft"/>).
/// Still signed in (the antiforgery cookie is gone, the keys changed): the page again, saying the form
/// had expired. Nothing was sent to the API.</item>
/// <item>The page no longer has the form posted (a double click or a browser retry after the first post
/// went through, a stale tab: "Start the review" once the review has started): the page as it now
/// stands, saying the form was already sent or no longer applies.</item>
/// </list>
/// Runs after the antiforgery middleware, for posts to the web app's pages only (the session endpoints
/// answer for themselves).
/// </summary>
public static class PostedForms
{
    public static IApplicationBuilder UsePostedForms(this IApplicationBuilder app) =>
        app.UseWhen(IsPostToAPage, branch => branch.Use(next => context => AnswerAsync(context, next)));

    private static bool IsPostToAPage(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.StartsWithSegments(StartupFundWeb.PathBase, StringComparison.Ordinal)
        && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    private static async Task AnswerAsync(HttpContext context, RequestDelegate next)
    {
        var page = SessionEndpoints.LocalOr(context.Request.Path + context.Request.QueryString, StartupFundWeb.PathBase);
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                FormDraft.Keep(context, page, FormDraft.SubjectOf(TokenCookie.Read(context)));
                TokenCookie.Clear(context);
                SeeOther(context, $"/app/signin?error={SignIn.SessionExpired}&returnUrl={Uri.EscapeDataString(page)}", notice: null);
            }
            else
            {
                SeeOther(context, page, Notice.FormExpired);
            }

            return;
        }

        // The framework's answer to a form it cannot find is a 400 whose body (in Development, a sentence)
        // would start the response: the page's answer is held until it is known not to be that.
        var original = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode == StatusCodes.Status400BadRequest)
        {
            context.Response.Clear();
            SeeOther(context, page, Notice.FormGone);
            return;
        }

        held.Position = 0;
        await held.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>303: the browser gets the page (a GET), which shows the notice once.</summary>
    private static void SeeOther(HttpContext context, string page, string? notice)
    {
        if (notice is not null)
        {
            Notice.Set(context, notice);
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = page;
    }
}

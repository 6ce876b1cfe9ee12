using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StartupFund.Web.Api;

namespace StartupFund.Web;

/// <summary>
/// A page under /app that fails answers the failure page (/app/error, in the layout) under the status
/// that says why, never 200 and never the exception's text: 503 with Retry-After when the API is
/// unavailable or unreachable, 502 when it failed otherwise, 500 for a failure of the web app itself.
/// The request is rendered again as that page, as the exception handler middleware does, but with the
/// page's endpoint set here: the web app sits in a branch of the API host, after its routing.
/// </summary>
public static partial class FailurePages
{
    public const string Path = "/app/error";

    public static IApplicationBuilder UseFailurePages(this IApplicationBuilder branch, IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteEndpoint? page = null;
        return branch.Use(next => async context =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception e) when (Answerable(context, e))
            {
                page ??= Find(endpoints);
                await RenderAsync(context, next, page, e).ConfigureAwait(false);
            }
        });
    }

    /// <summary>The status a page answers for this failure.</summary>
    public static int StatusOf(Exception? failure) =>
        failure is ApiFailedException api ? api.PageStatus : StatusCodes.Status500InternalServerError;

    /// <summary>
    /// Too late once the page has started to go out; a visitor who left needs no page; a request the
    /// server refused as malformed keeps its 4xx.
    /// </summary>
    private static bool Answerable(HttpContext context, Exception e) =>
        !context.Response.HasStarted
        && !(e is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        && e is not BadHttpRequestException;

    private static async Task RenderAsync(HttpContext context, RequestDelegate next, RouteEndpoint page, Exception failure)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FailurePages));
        if (failure is ApiFailedException api)
        {
            LogApiFailed(logger, context.Request.Path, api.ApiStatus, api.PageStatus, failure);
        }
        else
        {
            LogFailed(logger, context.Request.Path, failure);
        }

        var originalServices = context.RequestServices;
        var feature = new ExceptionHandlerFeature
        {
            Error = failure,
            Path = context.Request.Path,
            Endpoint = context.GetEndpoint(),
            RouteValues = new RouteValueDictionary(context.Request.RouteValues),
        };

        context.Response.Clear();
        context.Response.StatusCode = StatusOf(failure);
        context.Response.Headers.CacheControl = "no-store";
        if (failure is ApiFailedException { RetryAfter: { } retryAfter })
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Features.Set<IExceptionHandlerFeature>(feature);
        context.Features.Set<IExceptionHandlerPathFeature>(feature);
        // The address stays the page's own (the layout's links come back to it); the endpoint says what renders.
        context.Request.RouteValues.Clear();
        context.SetEndpoint(page);

        // A fresh scope, as the exception handler's createScopeForErrors: the failed render's services
        // (Blazor's renderer among them) are done with.
        var scope = originalServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            context.RequestServices = scope.ServiceProvider;
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                context.RequestServices = originalServices;
            }
        }
    }

    private static RouteEndpoint Find(IEndpointRouteBuilder endpoints) =>
        endpoints.DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .FirstOrDefault(e => string.Equals(e.RoutePattern.RawText?.Trim('/'), Path.Trim('/'), StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No page answers {Path}.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API failed the page {Path} (API status {ApiStatus}, 0 for no answer); answered {PageStatus}")]
    private static partial void LogApiFailed(ILogger logger, PathString path, int apiStatus, int pageStatus, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The page {Path} failed; answered 500")]
    private static partial void LogFailed(ILogger logger, PathString path, Exception exception);
}

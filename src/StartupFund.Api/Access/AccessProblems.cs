using StartupFund.Api.Http;

namespace StartupFund.Api.Access;

/// <summary>Writes an <see cref="AccessDeniedException"/> as ProblemDetails with its code; nothing was written to the store.</summary>
public sealed partial class AccessProblems(RequestDelegate next, ILogger<AccessProblems> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (AccessDeniedException denied) when (!http.Response.HasStarted)
        {
            LogDenied(logger, denied.Status, denied.Code);
            var problem = Problems.Problem(denied.Status, denied.Code, denied.Status == StatusCodes.Status404NotFound ? "Not found" : "Forbidden", denied.Message);
            problem.Extensions["correlationId"] = Correlation.IdOf(http);
            http.Response.Clear();
            http.Response.Headers[Correlation.Header] = Correlation.IdOf(http);
            http.Response.StatusCode = denied.Status;
            await Results.Problem(problem).ExecuteAsync(http).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request refused: {Status} {Code}")]
    private static partial void LogDenied(ILogger logger, int status, string code);
}

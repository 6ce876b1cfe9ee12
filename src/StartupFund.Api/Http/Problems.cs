using Microsoft.AspNetCore.Mvc;
using StartupFund.Domain.Common;
using StartupFund.EventStore;
using StartupFund.Ledger.Pipeline;
using StartupFund.Security;

namespace StartupFund.Api.Http;

/// <summary>
/// Turns every refusal into RFC 7807 ProblemDetails with a stable <c>code</c>: 400 malformed or
/// invalid input (with the fields), 404 unknown, 409 concurrency or duplicate, 413 too large,
/// 422 business rule, 503 database unavailable (with Retry-After; see <see cref="DatabaseUnavailable"/>).
/// Anything else is a bug: a 500 that says nothing more.
/// </summary>
public sealed partial class Problems(RequestDelegate next, ILogger<Problems> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
        {
            var problem = ProblemOf(e, http);
            if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            {
                LogUnavailable(logger, e.GetType().Name, e.Message);
            }
            else if (problem.Status >= 500)
            {
                LogFailed(logger, e, (string)problem.Extensions["code"]!);
            }
            else
            {
                LogRefused(logger, problem.Status!.Value, (string)problem.Extensions["code"]!);
            }

            http.Response.Clear();
            http.Response.Headers[Correlation.Header] = Correlation.IdOf(http);
            http.Response.StatusCode = problem.Status!.Value;
            if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            {
                http.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await Results.Problem(problem).ExecuteAsync(http).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed: {Code}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable: {Exception}: {Message}")]
    private static partial void LogUnavailable(ILogger logger, string exception, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request refused: {Status} {Code}")]
    private static partial void LogRefused(ILogger logger, int status, string code);

    public static ProblemDetails Problem(int status, string code, string title, string? detail = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ProblemTypes.Of(code) };
        problem.Extensions["code"] = code;
        return problem;
    }

    public static IResult NotFound(string code, string detail) => Results.Problem(Problem(404, code, "Not found", detail));

    private static ProblemDetails ProblemOf(Exception exception, HttpContext http)
    {
        var problem = exception switch
        {
            RequestValidationException invalid => Validation(invalid),
            DomainException domain => Domain(domain),
            VersionMismatchException mismatch => WithVersion(Problem(409, mismatch.Code, "Version mismatch", mismatch.Message), mismatch.CurrentVersion),
            ConflictRetriesExhaustedException exhausted => WithVersion(Problem(409, exhausted.Code, "Conflict", exhausted.Message), exhausted.CurrentVersion),
            IdempotencyKeyReusedException reused => Problem(422, reused.Code, "Idempotency key reused", reused.Message),
            QueryException query => Validation(new RequestValidationException([new FieldError(query.Field, query.Code, query.Message)])),
            PayloadTooLargeException tooLarge => Problem(413, LedgerErrorCodes.RequestTooLarge, "Payload too large", tooLarge.Message),
            UnsupportedMediaTypeException unsupported => Problem(415, LedgerErrorCodes.UnsupportedMediaType, "Unsupported media type", unsupported.Message),
            BadHttpRequestException bad when bad.StatusCode == 400 && BindingErrors.FieldOf(bad.Message) is { } field =>
                Validation(new RequestValidationException([new FieldError(field, LedgerErrorCodes.RequestMalformed, BindingErrors.Describe(bad.Message))])),
            BadHttpRequestException bad => Problem(bad.StatusCode, LedgerErrorCodes.RequestMalformed, "Bad request", BindingErrors.Describe(bad.Message)),
            StreamTypeMismatchException => Problem(404, LedgerErrorCodes.NotFound, "Not found", "No such resource."),
            _ when DatabaseUnavailable.Is(exception) => Problem(503, LedgerErrorCodes.Unavailable, "Service unavailable",
                "The database is unavailable; retry after the Retry-After seconds with the same Idempotency-Key."),
            _ => Problem(500, LedgerErrorCodes.Internal, "Internal error", "An unexpected error occurred; it has been logged."),
        };
        problem.Extensions["correlationId"] = Correlation.IdOf(http);
        return problem;
    }

    private static ProblemDetails Validation(RequestValidationException invalid)
    {
        var first = invalid.Errors[0];
        var problem = Problem(400, first.Code, "Invalid request", invalid.Errors.Count == 1 ? first.Message : $"{invalid.Errors.Count} fields are invalid.");
        problem.Extensions["errors"] = invalid.Errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        problem.Extensions["fieldErrors"] = invalid.Errors;
        return problem;
    }

    private static ProblemDetails Domain(DomainException domain)
    {
        if (domain.Error.Kind == DomainErrorKind.Validation)
        {
            return domain.Field is { } field
                ? Validation(new RequestValidationException([new FieldError(field, domain.Code, domain.Message)]))
                : Problem(400, domain.Code, "Invalid request", domain.Message);
        }

        return domain.Code switch
        {
            ErrorCodes.FundNotFound or ErrorCodes.ApplicationNotFound => Problem(404, domain.Code, "Not found", domain.Message),
            ErrorCodes.FundAlreadyOpened or ErrorCodes.ApplicationAlreadySubmitted => Problem(409, domain.Code, "Already exists", domain.Message),
            _ => WithField(Problem(422, domain.Code, "Business rule", domain.Message), domain),
        };
    }

    /// <summary>A business rule about one input names it, as a 400 does, so a form can show the refusal beside it.</summary>
    private static ProblemDetails WithField(ProblemDetails problem, DomainException domain)
    {
        if (domain.Field is { } field)
        {
            problem.Extensions["fieldErrors"] = new[] { new FieldError(field, domain.Code, domain.Message) };
        }

        return problem;
    }

    private static ProblemDetails WithVersion(ProblemDetails problem, long currentVersion)
    {
        problem.Extensions["currentVersion"] = currentVersion;
        problem.Extensions["currentETag"] = CommandHttp.ETagOf(currentVersion);
        return problem;
    }
}

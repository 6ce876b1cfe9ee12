using System.Globalization;
using StartupFund.Api.Access;
using StartupFund.EventStore;
using StartupFund.Ledger.Pipeline;

namespace StartupFund.Api.Http;

/// <summary>
/// Headers of a command (Idempotency-Key, If-Match, correlation) and how its outcome is written. The actor
/// stored in the events' metadata is the verified token's subject, never anything the client names.
/// </summary>
public static class CommandHttp
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static CommandRequest RequestOf(HttpContext http, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(http);
        string? key = null;
        if (http.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var keys))
        {
            key = keys.ToString();
            if (!CommandRequest.IsValidKey(key))
            {
                throw new RequestValidationException([new FieldError(IdempotencyKeyHeader, LedgerErrorCodes.IdempotencyKeyInvalid,
                    $"Idempotency-Key must be 1-{CommandRequest.IdempotencyKeyMaxLength} printable ASCII characters.")]);
            }
        }

        var correlationId = Correlation.IdOf(http);
        var actor = Scopes.CallerOf(http).Subject;
        if (actor.Length is 0 or > EventMetadata.MaxActorLength)
        {
            // The authorisation policies admit only callers with a usable subject; reaching here is a bug.
            throw new InvalidOperationException("A command ran without an authenticated caller.");
        }

        var fingerprint = CommandRequest.FingerprintOf(actor, http.Request.Method, http.Request.Path.Value ?? "/", body);

        var metadata = new EventMetadata(correlationId, key ?? http.TraceIdentifier, actor);
        return new CommandRequest(key, fingerprint, IfMatchOf(http), metadata);
    }

    /// <summary>If-Match: "N" (an ETag this API returned) or N; "*" means no precondition.</summary>
    public static long? IfMatchOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        text = text.Trim('"');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new RequestValidationException([new FieldError("If-Match", LedgerErrorCodes.IfMatchInvalid,
                "If-Match must be an ETag this API returned, such as \"3\".")]);
    }

    public static string ETagOf(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static IResult Result(CommandOutcome outcome) => new OutcomeResult(outcome);

    private sealed class OutcomeResult(CommandOutcome outcome) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = outcome.Status;
            response.ContentType = "application/json; charset=utf-8";
            response.Headers.ETag = ETagOf(outcome.Version);
            if (outcome.Location is not null)
            {
                response.Headers.Location = outcome.Location;
            }

            if (outcome.Replayed)
            {
                response.Headers[ReplayedHeader] = "true";
            }

            return response.WriteAsync(outcome.Body, httpContext.RequestAborted);
        }
    }
}

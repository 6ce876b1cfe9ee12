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
            // Two headers would otherwise be read as one key joined with a comma.
            key = keys.Count == 1 ? keys[0] : null;
            if (!CommandRequest.IsValidKey(key))
            {
                throw new RequestValidationException([new FieldError(IdempotencyKeyHeader, LedgerErrorCodes.IdempotencyKeyInvalid,
                    $"Send one Idempotency-Key of 1-{CommandRequest.IdempotencyKeyMaxLength} printable ASCII characters.")]);
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

    /// <summary>
    /// If-Match: one ETag this API returned (<c>"N"</c>), or <c>*</c> for no precondition. If-Match compares
    /// strongly (RFC 9110, 13.1.1), so a weak ETag could never match: it is refused, not ignored.
    /// </summary>
    public static long? IfMatchOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var values = http.Request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return null;
        }

        var header = values.Count == 1 ? values[0]?.Trim() ?? string.Empty : string.Empty;
        if (header == "*")
        {
            return null;
        }

        if (header is ['"', .. var quoted, '"']
            && long.TryParse(quoted, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new RequestValidationException([new FieldError("If-Match", LedgerErrorCodes.IfMatchInvalid, header.StartsWith("W/", StringComparison.Ordinal)
            ? "If-Match compares strong ETags, so a weak one (W/\"3\") never matches: send the ETag as this API returned it, such as \"3\"."
            : "If-Match must be one ETag this API returned, quoted as it was returned, such as \"3\" (or * for any version).")]);
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

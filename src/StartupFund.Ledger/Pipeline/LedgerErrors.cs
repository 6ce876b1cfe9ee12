namespace StartupFund.Ledger.Pipeline;

/// <summary>Stable codes of refusals that come from the ledger and the HTTP edge rather than a domain rule.</summary>
public static class LedgerErrorCodes
{
    public const string IdempotencyKeyReused = "idempotency.key_reused";
    public const string IdempotencyKeyInvalid = "idempotency.key_invalid";
    public const string VersionMismatch = "concurrency.version_mismatch";
    public const string ConflictRetriesExhausted = "concurrency.conflict";
    public const string CursorInvalid = "query.cursor_invalid";
    public const string PageSizeInvalid = "query.page_size_invalid";
    public const string FilterInvalid = "query.filter_invalid";
    public const string UnknownParameter = "query.unknown_parameter";
    public const string RequestMalformed = "request.malformed";
    public const string RequestTooLarge = "request.too_large";
    public const string UnsupportedMediaType = "request.unsupported_media_type";
    public const string IfMatchInvalid = "request.if_match_invalid";
    public const string NotFound = "resource.not_found";
    public const string Internal = "server.error";
    public const string Unavailable = "server.unavailable";
}

/// <summary>Base of the ledger's own refusals; <see cref="Code"/> is stable.</summary>
public abstract class LedgerException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>If-Match named a version the stream is no longer (or not yet) at.</summary>
public sealed class VersionMismatchException(string streamId, long expectedVersion, long currentVersion)
    : LedgerException(LedgerErrorCodes.VersionMismatch, $"The resource is at version {currentVersion}, not {expectedVersion} as If-Match requires.")
{
    public string StreamId { get; } = streamId;

    public long ExpectedVersion { get; } = expectedVersion;

    public long CurrentVersion { get; } = currentVersion;
}

/// <summary>A command lost its race more often than the bounded retries allow; the client may retry.</summary>
public sealed class ConflictRetriesExhaustedException(string streamId, int attempts, long currentVersion)
    : LedgerException(LedgerErrorCodes.ConflictRetriesExhausted, $"Stream '{streamId}' kept changing; gave up after {attempts} attempts. Retry the request.")
{
    public long CurrentVersion { get; } = currentVersion;
}

/// <summary>The Idempotency-Key was used before with a different request.</summary>
public sealed class IdempotencyKeyReusedException()
    : LedgerException(LedgerErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was already used with a different request.");

/// <summary>A query parameter is out of range or malformed.</summary>
public sealed class QueryException(string code, string field, string message) : LedgerException(code, message)
{
    public string Field { get; } = field;
}

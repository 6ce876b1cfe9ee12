using StartupFund.Security;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>One HTTP request as the harness sends it; every command carries its own Idempotency-Key.</summary>
public sealed record ApiRequest(HttpMethod Method, string Path, TokenIdentity? Caller)
{
    public byte[]? Body { get; init; }

    /// <summary>Null sends the body without a Content-Type header.</summary>
    public string? ContentType { get; init; } = "application/json";

    public string? IdempotencyKey { get; init; }

    /// <summary>Sent as X-Correlation-Id; the API stores it in every event the request appends.</summary>
    public string CorrelationId { get; init; } = Guid.NewGuid().ToString("N");

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>
    /// Sends <see cref="Path"/> (and its query) byte for byte as written: System.Uri would otherwise
    /// escape a stray <c>%</c> (<c>%zz</c> becomes <c>%25zz</c>) and unescape or drop dot segments.
    /// For requests malformed on purpose; the path must then be ASCII.
    /// </summary>
    public bool RawTarget { get; init; }

    public static ApiRequest Command(string path, TokenIdentity? caller, string json) => new(HttpMethod.Post, path, caller)
    {
        Body = System.Text.Encoding.UTF8.GetBytes(json),
        IdempotencyKey = Guid.NewGuid().ToString("N"),
    };

    public override string ToString() => $"{Method} {Path} (key {IdempotencyKey}, correlation {CorrelationId})";
}

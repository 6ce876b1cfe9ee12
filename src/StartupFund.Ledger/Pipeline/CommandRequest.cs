using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using StartupFund.Domain.Applications;
using StartupFund.EventStore;

namespace StartupFund.Ledger.Pipeline;

/// <summary>
/// How a command arrived: its optional Idempotency-Key and the fingerprint of the request it
/// names, an optional If-Match version, and who/which conversation (stored as event metadata).
/// </summary>
public sealed record CommandRequest
{
    public const int IdempotencyKeyMaxLength = 200;

    public CommandRequest(string? idempotencyKey, byte[] fingerprint, long? ifMatch, EventMetadata metadata)
    {
        if (idempotencyKey is not null && !IsValidKey(idempotencyKey))
        {
            throw new ArgumentException($"An idempotency key is 1-{IdempotencyKeyMaxLength} printable ASCII characters.", nameof(idempotencyKey));
        }

        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(metadata);
        IdempotencyKey = idempotencyKey;
        Fingerprint = fingerprint;
        IfMatch = ifMatch;
        Metadata = metadata;
    }

    /// <summary>A request with no key, no precondition and no metadata (tests, seeding).</summary>
    public static CommandRequest Plain { get; } = new(null, [], null, EventMetadata.None);

    public string? IdempotencyKey { get; }

    public byte[] Fingerprint { get; }

    public long? IfMatch { get; }

    public EventMetadata Metadata { get; }

    /// <summary>
    /// The caller's access rule for the application a command acts on, judged on the state the
    /// command loads for its decision (null: there is no such application) before anything is
    /// decided; it throws to refuse. The rule needs no read of its own, and it judges exactly the
    /// version the command then decides on.
    /// </summary>
    public Action<ApplicationState?>? ApplicationAccess { get; init; }

    public static bool IsValidKey([NotNullWhen(true)] string? key) =>
        key is { Length: > 0 and <= IdempotencyKeyMaxLength } && key.All(c => c is >= ' ' and <= '~');

    /// <summary>
    /// SHA-256 over the caller, method, path and body: the same key with another fingerprint is
    /// refused, so another caller who sends a key already used gets 422, never the first caller's response.
    /// </summary>
    public static byte[] FingerprintOf(string actor, string method, string path, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(actor + "\n" + method.ToUpperInvariant() + " " + path + "\n"));
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }
}

/// <summary>The HTTP-shaped result of a command: status, JSON body, the new version (ETag) and Location.</summary>
public sealed record CommandOutcome(int Status, string Body, long Version, string? Location, bool Replayed);

using System.Collections.Concurrent;
using NodaTime;
using StartupFund.Security;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>
/// Authentication as these tests see it: one HS256 key, given to the API process (Auth__SigningKey)
/// and used here to mint each caller's token with the security library's <see cref="LocalTokens"/>;
/// and a per-caller rate limit generous enough for a load test (the limiter stays on).
/// </summary>
public sealed class Tokens
{
    private readonly LocalTokens minter;
    private readonly ConcurrentDictionary<string, string> minted = new(StringComparer.Ordinal);

    public Tokens()
    {
        SigningKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        // The API process validates against the machine's clock, so tokens are minted on it too.
        minter = new LocalTokens(new AuthOptions { SigningKey = SigningKey }, SystemClock.Instance);
    }

    public string SigningKey { get; }

    public IReadOnlyDictionary<string, string> ApiEnvironment => new Dictionary<string, string>
    {
        ["Auth__SigningKey"] = SigningKey,
        ["RateLimit__PermitsPerWindow"] = "1000000",
        ["RateLimit__WindowSeconds"] = "60",
    };

    /// <summary>The bearer token of a caller (each subject names one identity here); null (anonymous) sends none.</summary>
    public string? For(TokenIdentity? identity) =>
        identity is null ? null : minted.GetOrAdd(identity.Subject, _ => minter.Mint(identity, Duration.FromHours(1)));
}

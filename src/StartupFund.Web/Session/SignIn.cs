using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StartupFund.Web.Session;

/// <summary>The token a sign-in form leads to, or the stable code of why there is none.</summary>
public sealed record SignInResult(string? Token, string? Error);

/// <summary>
/// Turns the sign-in form into a token: in demo mode a demo identity's freshly minted token, otherwise
/// the bearer token the user pasted. The token is not trusted here: the API checks it on every call.
/// </summary>
public sealed partial class SignIn(IOptions<WebOptions> options, DemoSignIn demo)
{
    public const string TokenInvalid = "signin.token_invalid";
    public const string IdentityUnknown = "signin.identity_unknown";
    public const string SessionExpired = "session.expired";

    /// <summary>The only codes the sign-in page shows from its address (anything else there is ignored, not echoed).</summary>
    public static IReadOnlySet<string> Errors { get; } = new HashSet<string>(StringComparer.Ordinal) { TokenInvalid, IdentityUnknown, SessionExpired };

    public bool DemoMode => options.Value.DemoSignIn;

    public SignInResult TokenFor(string? identity, string? pasted)
    {
        if (!string.IsNullOrEmpty(identity))
        {
            return DemoMode && demo.Mint(identity) is { } token ? new SignInResult(token, null) : new SignInResult(null, IdentityUnknown);
        }

        var candidate = pasted?.Trim();
        if (candidate is { Length: > 0 } && candidate.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            candidate = candidate[7..].Trim();
        }

        return candidate is { Length: > 0 and <= TokenCookie.MaxLength } && JwtShape().IsMatch(candidate)
            ? new SignInResult(candidate, null)
            : new SignInResult(null, TokenInvalid);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$")]
    private static partial Regex JwtShape();
}

using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using StartupFund.Security;

namespace StartupFund.Web.Session;

/// <summary>The token a sign-in form leads to, or the stable code of why there is none.</summary>
public sealed record SignInResult(string? Token, string? Error);

/// <summary>
/// Turns the sign-in form into a token: in demo mode a demo identity's freshly minted token, otherwise
/// the bearer token the user pasted. A pasted token is checked with the API's own validation before it
/// is kept, so a refused one is explained at sign-in instead of landing on a signed-out page; the API
/// still checks it on every call, as it may expire or lose its key meanwhile.
/// </summary>
public sealed partial class SignIn(IOptions<WebOptions> options, DemoSignIn demo, IOptionsMonitor<JwtBearerOptions> bearer)
{
    public const string TokenMissing = "signin.token_missing";
    public const string TokenInvalid = "signin.token_invalid";
    public const string TokenRefused = "signin.token_refused";
    public const string TokenWithoutRole = "signin.token_without_role";
    public const string IdentityUnknown = "signin.identity_unknown";
    public const string SessionExpired = "session.expired";

    /// <summary>The only codes the sign-in page shows from its address (anything else there is ignored, not echoed).</summary>
    public static IReadOnlySet<string> Errors { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        TokenMissing, TokenInvalid, TokenRefused, TokenWithoutRole, IdentityUnknown, SessionExpired,
    };

    private static readonly JsonWebTokenHandler Reader = new();

    public bool DemoMode => options.Value.DemoSignIn;

    public async Task<SignInResult> TokenForAsync(string? identity, string? pasted)
    {
        var shaped = TokenFor(identity, pasted);
        if (shaped.Token is null || !string.IsNullOrEmpty(identity))
        {
            return shaped;
        }

        var jwt = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        if (!IsReadable(shaped.Token))
        {
            return new SignInResult(null, TokenInvalid);   // three parts, but not a JWT's ("a.b.c")
        }

        var validated = await jwt.TokenHandlers[0].ValidateTokenAsync(shaped.Token, jwt.TokenValidationParameters).ConfigureAwait(false);
        if (!validated.IsValid)
        {
            return new SignInResult(null, TokenRefused);
        }

        return Caller.From(new ClaimsPrincipal(validated.ClaimsIdentity)).IsAuthenticated
            ? shaped
            : new SignInResult(null, TokenWithoutRole);
    }

    private static bool IsReadable(string token)
    {
        try
        {
            Reader.ReadJsonWebToken(token);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private SignInResult TokenFor(string? identity, string? pasted)
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

        if (string.IsNullOrEmpty(candidate))
        {
            return new SignInResult(null, TokenMissing);
        }

        return candidate.Length <= TokenCookie.MaxLength && JwtShape().IsMatch(candidate)
            ? new SignInResult(candidate, null)
            : new SignInResult(null, TokenInvalid);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$")]
    private static partial Regex JwtShape();
}

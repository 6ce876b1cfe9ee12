namespace StartupFund.Security;

/// <summary>Stable ProblemDetails codes of authentication and authorisation refusals.</summary>
public static class AuthErrorCodes
{
    /// <summary>401: no bearer token.</summary>
    public const string Unauthenticated = "auth.unauthenticated";

    /// <summary>401: a token that is expired, not yet valid, for another issuer or audience, or wrongly signed.</summary>
    public const string TokenInvalid = "auth.token_invalid";

    /// <summary>403: the caller's roles or scope do not allow this.</summary>
    public const string Forbidden = "auth.forbidden";
}

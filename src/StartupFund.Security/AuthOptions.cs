namespace StartupFund.Security;

/// <summary>
/// Configuration section <c>Auth</c>: who issues our tokens, for whom, and the keys that verify them.
/// Locally a shared HS256 <see cref="SigningKey"/>; in production a public key (<see cref="PublicKeyFile"/>)
/// or a key set (<see cref="JwksFile"/>) of the identity provider, so this process holds no signing secret.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>HS256 needs at least 256 bits of key.</summary>
    public const int SigningKeyMinLength = 32;

    public string Issuer { get; set; } = "startupfund-local";

    public string Audience { get; set; } = "startupfund-api";

    /// <summary>HS256 shared secret (at least 32 characters) for local use; env <c>Auth__SigningKey</c>.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A PEM file holding an RSA or ECDSA public key.</summary>
    public string? PublicKeyFile { get; set; }

    /// <summary>A JWKS file (JSON Web Key Set); several keys allow rotation by <c>kid</c>.</summary>
    public string? JwksFile { get; set; }

    /// <summary>Tolerated clock difference between the issuer and us, in seconds.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    public bool HasAnyKey =>
        !string.IsNullOrEmpty(SigningKey) || !string.IsNullOrEmpty(PublicKeyFile) || !string.IsNullOrEmpty(JwksFile);
}

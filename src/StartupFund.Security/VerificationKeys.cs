using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace StartupFund.Security;

/// <summary>
/// The keys that verify incoming tokens and the algorithms each may be used with. Every configured
/// source counts (shared key, PEM, JWKS), so a deployment can rotate by configuring old and new together.
/// </summary>
public sealed record VerificationKeys(IReadOnlyList<SecurityKey> Keys, IReadOnlyList<string> Algorithms)
{
    private static readonly string[] RsaAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512];

    private static readonly string[] EcdsaAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512];

    public static VerificationKeys From(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.HasAnyKey)
        {
            throw new AuthConfigurationException(
                "No token verification key is configured, and the API never runs open. Set Auth:SigningKey (env Auth__SigningKey, "
                + $"at least {AuthOptions.SigningKeyMinLength} characters) for local use, or Auth:PublicKeyFile / Auth:JwksFile in production. "
                + "./build.sh run generates a local key for you.");
        }

        var keys = new List<SecurityKey>();
        var algorithms = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            keys.Add(SharedKey(options.SigningKey));
            algorithms.Add(SecurityAlgorithms.HmacSha256);
        }

        if (!string.IsNullOrEmpty(options.PublicKeyFile))
        {
            var key = PublicKey(ReadFile(options.PublicKeyFile, "Auth:PublicKeyFile"));
            keys.Add(key);
            algorithms.UnionWith(key is RsaSecurityKey ? RsaAlgorithms : EcdsaAlgorithms);
        }

        if (!string.IsNullOrEmpty(options.JwksFile))
        {
            var set = KeySet(ReadFile(options.JwksFile, "Auth:JwksFile"));
            keys.AddRange(set);
            algorithms.UnionWith(RsaAlgorithms);
            algorithms.UnionWith(EcdsaAlgorithms);
        }

        return new VerificationKeys(keys, [.. algorithms.Order(StringComparer.Ordinal)]);
    }

    public static SymmetricSecurityKey SharedKey(string signingKey)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        if (signingKey.Length < AuthOptions.SigningKeyMinLength)
        {
            throw new AuthConfigurationException($"Auth:SigningKey must be at least {AuthOptions.SigningKeyMinLength} characters (HS256 needs 256 bits).");
        }

        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)) { KeyId = "local" };
    }

    private static string ReadFile(string path, string setting)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuthConfigurationException($"{setting} '{path}' cannot be read: {e.Message}");
        }
    }

    private static AsymmetricSecurityKey PublicKey(string pem)
    {
        var isEcdsa = pem.Contains("EC PUBLIC KEY", StringComparison.Ordinal) || TryEcdsa(pem);
        if (isEcdsa)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return new ECDsaSecurityKey(ecdsa);
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new AuthConfigurationException($"Auth:PublicKeyFile holds no RSA or ECDSA public key in PEM form: {e.Message}");
        }
    }

    private static bool TryEcdsa(string pem)
    {
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    private static IList<SecurityKey> KeySet(string json)
    {
        try
        {
            var keys = new JsonWebKeySet(json).GetSigningKeys();
            return keys.Count > 0 ? keys : throw new AuthConfigurationException("Auth:JwksFile holds no signing key.");
        }
        catch (ArgumentException e)
        {
            throw new AuthConfigurationException($"Auth:JwksFile is not a JSON Web Key Set: {e.Message}");
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using StartupFund.Api.Tests.Support;
using StartupFund.Security;

namespace StartupFund.Api.Tests.Security;

/// <summary>
/// Production keys: the API holds only public keys, an RSA one in a PEM file and a JWKS with an old and a
/// new ECDSA key (rotation). No shared key is configured, so HS256 tokens cannot be accepted at all.
/// </summary>
public sealed class AsymmetricKeysFactory : ApiFactory
{
    public RSA Rsa { get; } = RSA.Create(2048);

    public ECDsa OldKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa NewKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private readonly string directory = Directory.CreateTempSubdirectory("sf-keys-").FullName;

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var pem = Path.Combine(directory, "issuer.pem");
            File.WriteAllText(pem, Rsa.ExportSubjectPublicKeyInfoPem());
            var jwks = Path.Combine(directory, "jwks.json");
            File.WriteAllText(jwks, $$"""{"keys":[{{Jwk(OldKey, "old")}},{{Jwk(NewKey, "new")}}]}""");
            return new Dictionary<string, string?> { ["Auth:SigningKey"] = "", ["Auth:PublicKeyFile"] = pem, ["Auth:JwksFile"] = jwks };
        }
    }

    public LocalTokens SignedBy(SecurityKey key, string algorithm) => new(new AuthOptions(), new SigningCredentials(key, algorithm), Clock);

    public LocalTokens SignedBy(ECDsa key, string kid) => SignedBy(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Rsa.Dispose();
            OldKey.Dispose();
            NewKey.Dispose();
            // WebApplicationFactory may dispose twice (DisposeAsync, then Dispose).
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static string Jwk(ECDsa key, string kid)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        return $$"""{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"{{kid}}","x":"{{Base64UrlEncoder.Encode(p.Q.X)}}","y":"{{Base64UrlEncoder.Encode(p.Q.Y)}}"}""";
    }
}

public sealed class KeyConfigurationTests(AsymmetricKeysFactory api) : IClassFixture<AsymmetricKeysFactory>
{
    private static readonly TokenIdentity Admin = new("kc-admin", [Roles.Admin]);

    [Fact]
    public async Task A_token_signed_with_the_rsa_key_of_the_pem_file_is_accepted()
    {
        var token = api.SignedBy(new RsaSecurityKey(api.Rsa), SecurityAlgorithms.RsaSha256).Mint(Admin);
        await api.WithToken(token).Get("/funds").Expect(200);
    }

    [Fact]
    public async Task Tokens_of_both_keys_of_the_jwks_are_accepted_so_keys_can_rotate()
    {
        await api.WithToken(api.SignedBy(api.OldKey, "old").Mint(Admin)).Get("/funds").Expect(200);
        await api.WithToken(api.SignedBy(api.NewKey, "new").Mint(Admin)).Get("/funds").Expect(200);
    }

    [Fact]
    public async Task A_token_signed_by_a_key_outside_the_configuration_is_refused()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await api.WithToken(api.SignedBy(stranger, "new").Mint(Admin)).Get("/funds").ExpectProblem(401, AuthErrorCodes.TokenInvalid);
        using var strangerRsa = RSA.Create(2048);
        await api.WithToken(api.SignedBy(new RsaSecurityKey(strangerRsa), SecurityAlgorithms.RsaSha256).Mint(Admin)).Get("/funds")
            .ExpectProblem(401, AuthErrorCodes.TokenInvalid);
    }

    [Fact]
    public async Task An_hs256_token_keyed_with_the_public_key_is_refused()
    {
        // The classic algorithm confusion: the public key's bytes used as an HMAC secret.
        var publicPem = Encoding.UTF8.GetBytes(api.Rsa.ExportSubjectPublicKeyInfoPem());
        var token = api.SignedBy(new SymmetricSecurityKey(publicPem), SecurityAlgorithms.HmacSha256).Mint(Admin);
        await api.WithToken(token).Get("/funds").ExpectProblem(401, AuthErrorCodes.TokenInvalid);
    }

    [Fact]
    public void No_key_at_all_is_a_refusal_to_start_with_a_clear_message()
    {
        var refused = Should.Throw<AuthConfigurationException>(() => VerificationKeys.From(new AuthOptions()));
        refused.Message.ShouldContain("Auth:SigningKey");
        Should.Throw<AuthConfigurationException>(() => VerificationKeys.From(new AuthOptions { SigningKey = "too-short" }));
    }
}

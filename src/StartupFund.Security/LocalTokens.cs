using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace StartupFund.Security;

/// <summary>
/// Mints tokens with the local HS256 key (the CLI's <c>token</c> command, tests, the web app's demo
/// sign-in). Production tokens come from an identity provider instead; this class never needs its key.
/// </summary>
public sealed class LocalTokens
{
    public static readonly Duration DefaultLifetime = Duration.FromHours(8);

    public static readonly Duration MaxLifetime = Duration.FromDays(30);

    private readonly AuthOptions options;
    private readonly SigningCredentials credentials;
    private readonly IClock clock;

    public LocalTokens(AuthOptions options, IClock clock)
        : this(options, new SigningCredentials(VerificationKeys.SharedKey(KeyOf(options)), SecurityAlgorithms.HmacSha256), clock)
    {
    }

    /// <summary>With other credentials (tests sign with a generated RSA or ECDSA key, or a wrong one).</summary>
    public LocalTokens(AuthOptions options, SigningCredentials credentials, IClock clock)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public string Mint(TokenIdentity identity, Duration? lifetime = null) =>
        MintValidFrom(identity, clock.GetCurrentInstant(), lifetime ?? DefaultLifetime);

    /// <summary>A token valid from <paramref name="notBefore"/> for <paramref name="lifetime"/> (tests mint expired and future tokens).</summary>
    public string MintValidFrom(TokenIdentity identity, Instant notBefore, Duration lifetime)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Validate(identity, lifetime);
        var claims = new List<Claim> { new(ClaimNames.Subject, identity.Subject) };
        claims.AddRange(identity.Roles.Select(role => new Claim(ClaimNames.Role, role)));
        claims.AddRange(identity.Countries.Select(country => new Claim(ClaimNames.Country, country)));
        if (identity.StartupId is { } startup)
        {
            claims.Add(new Claim(ClaimNames.StartupId, startup));
        }

        if (identity.InvestorId is { } investor)
        {
            claims.Add(new Claim(ClaimNames.InvestorId, investor));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = notBefore.ToDateTimeUtc(),
            NotBefore = notBefore.ToDateTimeUtc(),
            Expires = (notBefore + lifetime).ToDateTimeUtc(),
            SigningCredentials = credentials,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static void Validate(TokenIdentity identity, Duration lifetime)
    {
        if (!Caller.IsValidSubject(identity.Subject))
        {
            // Caller's rule: a token the API would treat as having no subject is refused here.
            throw new ArgumentException($"The subject must be 1-{Caller.SubjectMaxLength} printable ASCII characters without spaces.");
        }

        if (identity.Roles.Count == 0 || identity.Roles.Any(role => !Roles.IsKnown(role)))
        {
            throw new ArgumentException($"Roles must be some of: {string.Join(", ", Roles.All)}.");
        }

        if (identity.Roles.Contains(Roles.Startup) && string.IsNullOrEmpty(identity.StartupId))
        {
            throw new ArgumentException("A startup token needs its startup id.");
        }

        if (identity.Roles.Contains(Roles.CoInvestor) && string.IsNullOrEmpty(identity.InvestorId))
        {
            throw new ArgumentException("A co_investor token needs its investor id.");
        }

        if ((identity.Roles.Contains(Roles.FundManager) || identity.Roles.Contains(Roles.Regulator)) && identity.Countries.Count == 0)
        {
            throw new ArgumentException("A fund_manager or regulator token needs at least one country ('*' for a supranational regulator).");
        }

        if (identity.Countries.Contains(ClaimNames.AllCountries) && (!identity.Roles.Contains(Roles.Regulator) || identity.Roles.Contains(Roles.FundManager)))
        {
            throw new ArgumentException("'*' (every country) is for a supranational regulator alone; a fund_manager token names its countries.");
        }

        if (identity.Countries.Any(c => c != ClaimNames.AllCountries && !(c.Length == 2 && c.All(char.IsAsciiLetterUpper))))
        {
            throw new ArgumentException("Countries are upper-case ISO 3166 alpha-2 codes, or '*'.");
        }

        if (lifetime <= Duration.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentException($"The lifetime must be positive and at most {MaxLifetime.Days} days.");
        }
    }

    private static string KeyOf(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.SigningKey)
            ? throw new AuthConfigurationException("Minting local tokens needs Auth:SigningKey (env Auth__SigningKey, or --key).")
            : options.SigningKey;
    }
}

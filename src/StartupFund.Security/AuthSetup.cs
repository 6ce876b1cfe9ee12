using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace StartupFund.Security;

/// <summary>
/// JWT bearer authentication and our policies, for the API and the web app alike. Validation time
/// comes from the injected <see cref="IClock"/>. Under <see cref="WebAppPathPrefix"/> the token may
/// also come from the <see cref="TokenCookie"/> cookie (the web app's sign-in); API paths take the
/// Authorization header only, so a cookie can never drive an API call from another site.
/// </summary>
public static class AuthSetup
{
    public const string TokenCookie = "sf_token";

    public const string WebAppPathPrefix = "/app";

    /// <summary>
    /// Registers authentication and authorisation. Options are read when the host is built, so call
    /// <see cref="EnsureAuthConfigured"/> right after building: it throws <see cref="AuthConfigurationException"/>
    /// when no key is configured.
    /// </summary>
    public static IServiceCollection AddStartupFundAuth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(provider =>
            provider.GetRequiredService<IConfiguration>().GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions());
        services.AddSingleton(provider => VerificationKeys.From(provider.GetRequiredService<AuthOptions>()));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IClock, AuthOptions, VerificationKeys>((bearer, clock, options, keys) =>
        {
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = ValidationParameters(options, keys, clock);
            bearer.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (IsWebAppPath(context.Request.Path) && context.Request.Cookies.TryGetValue(TokenCookie, out var token)
                        && !context.Request.Headers.Authorization.Any(value => !string.IsNullOrEmpty(value)))
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
                OnChallenge = context =>
                {
                    if (IsWebAppPath(context.Request.Path))
                    {
                        return Task.CompletedTask;
                    }

                    context.HandleResponse();
                    var invalid = context.AuthenticateFailure is not null;
                    context.Response.Headers.WWWAuthenticate = invalid ? "Bearer error=\"invalid_token\"" : "Bearer";
                    return AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                        invalid ? AuthErrorCodes.TokenInvalid : AuthErrorCodes.Unauthenticated,
                        invalid
                            ? "The bearer token was refused (expired, not yet valid, wrong issuer or audience, or not signed by a trusted key)."
                            : "Send a bearer token: Authorization: Bearer <token>.");
                },
                OnForbidden = context => IsWebAppPath(context.Request.Path)
                    ? Task.CompletedTask
                    : AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, AuthErrorCodes.Forbidden,
                        "Your role does not allow this."),
            };
        });
        services.AddAuthorization(Policies.AddTo);
        return services;
    }

    /// <summary>Fails fast (before serving anything) when the Auth section cannot verify a token.</summary>
    public static void EnsureAuthConfigured(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = services.GetRequiredService<VerificationKeys>();
    }

    public static bool IsWebAppPath(PathString path) => path.StartsWithSegments(WebAppPathPrefix, StringComparison.OrdinalIgnoreCase);

    public static TokenValidationParameters ValidationParameters(AuthOptions options, VerificationKeys keys, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(clock);
        var skew = Duration.FromSeconds(options.ClockSkewSeconds);
        return new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = keys.Keys,
            ValidAlgorithms = keys.Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            NameClaimType = ClaimNames.Subject,
            RoleClaimType = ClaimNames.Role,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetCurrentInstant();
                return expires is { } end && Instant.FromDateTimeUtc(end.ToUniversalTime()) + skew > now
                    && (notBefore is not { } start || Instant.FromDateTimeUtc(start.ToUniversalTime()) - skew <= now);
            },
        };
    }
}

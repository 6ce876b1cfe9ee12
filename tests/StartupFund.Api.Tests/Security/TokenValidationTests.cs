using System.Text;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using StartupFund.Api.Tests.Support;
using StartupFund.Security;

namespace StartupFund.Api.Tests.Security;

/// <summary>Every token the API must refuse is refused with 401 auth.token_invalid, and nothing is written.</summary>
public sealed class TokenValidationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly TokenIdentity Admin = new("tv-admin", [Roles.Admin]);

    private const string Probe = "/funds";

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        await api.WithToken(api.Tokens.Mint(Admin)).Get(Probe).Expect(200);
    }

    [Fact]
    public async Task No_token_is_401_with_a_bearer_challenge()
    {
        var reply = await api.WithToken(null).Get(Probe);
        reply.ExpectProblem(401, AuthErrorCodes.Unauthenticated).Str("type").ShouldBe("https://startupfund.example/problems/auth.unauthenticated");
        reply.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var now = api.Clock.GetCurrentInstant();
        await Refused(api.Tokens.MintValidFrom(Admin, now - Duration.FromHours(2), Duration.FromHours(1)));
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_refused()
    {
        var now = api.Clock.GetCurrentInstant();
        await Refused(api.Tokens.MintValidFrom(Admin, now + Duration.FromHours(1), Duration.FromHours(1)));
    }

    [Fact]
    public async Task Validity_follows_the_injected_clock_not_the_machine_clock()
    {
        var token = api.Tokens.Mint(Admin, Duration.FromMinutes(10));
        await api.WithToken(token).Get(Probe).Expect(200);
        api.Clock.Advance(Duration.FromMinutes(11));
        await Refused(token);
    }

    [Fact]
    public async Task A_token_of_another_issuer_is_refused()
    {
        await Refused(Minter(new AuthOptions { SigningKey = ApiFactory.SigningKey, Issuer = "someone-else" }).Mint(Admin));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        await Refused(Minter(new AuthOptions { SigningKey = ApiFactory.SigningKey, Audience = "another-api" }).Mint(Admin));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        await Refused(Minter(new AuthOptions { SigningKey = "a-different-signing-key-0123456789abcdef" }).Mint(Admin));
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        var valid = api.Tokens.Mint(Admin).Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        await Refused($"{header}.{valid[1]}.");
    }

    [Fact]
    public async Task A_token_whose_claims_were_edited_after_signing_is_refused()
    {
        var manager = api.Tokens.Mint(new TokenIdentity("tv-manager", [Roles.FundManager], ["DE"])).Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(manager[1])).Replace("\"DE\"", "\"*\"", StringComparison.Ordinal);
        await Refused($"{manager[0]}.{Base64UrlEncoder.Encode(payload)}.{manager[2]}");
    }

    [Fact]
    public async Task A_valid_token_with_no_known_role_is_forbidden_everywhere()
    {
        await api.WithToken(UnknownRoleToken()).Get(Probe).ExpectProblem(403, AuthErrorCodes.Forbidden);
    }

    [Fact]
    public async Task A_token_in_the_web_apps_cookie_does_not_authenticate_an_api_call()
    {
        var s = api.WithToken(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Probe);
        request.Headers.Add("Cookie", $"{AuthSetup.TokenCookie}={api.Tokens.Mint(Admin)}");
        using var response = await s.Client.SendAsync(request);
        ((int)response.StatusCode).ShouldBe(401);
    }

    [Fact]
    public async Task The_openapi_document_is_public_and_declares_the_bearer_scheme_and_the_auth_refusals()
    {
        var doc = (await api.WithToken(null).Get("/openapi/v1.json")).Expect(200);
        doc.Str("components.securitySchemes.bearer.scheme").ShouldBe("bearer");
        doc["security"].GetArrayLength().ShouldBe(1);
        doc["paths./applications/{applicationId}/approval.post.responses"].TryGetProperty("403", out _).ShouldBeTrue();
        doc["paths./funds.get.responses"].TryGetProperty("401", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_startup_token_without_its_startup_id_lists_no_application_whatever_country_it_carries()
    {
        await Builders.OpenFundedAsync(api.Scenario(), "fund-tv-list", "DE", "EUR", "1000000.00");
        await api.Scenario().Post("/applications", Builders.Application("app-tv-list", "fund-tv-list", "DE", "1000.00", "EUR")).Expect(201);
        var s = api.WithToken(HandWrittenToken(new Dictionary<string, object> { ["sub"] = "tv-startup", ["role"] = "startup", ["country"] = "DE" }));

        (await s.Get("/applications")).Expect(200)["items"].GetArrayLength().ShouldBe(0);
        (await s.Get("/applications?country=DE")).Expect(200)["items"].GetArrayLength().ShouldBe(0);
        (await s.Get("/applications?fundId=fund-tv-list")).Expect(200)["items"].GetArrayLength().ShouldBe(0);
        await s.Get("/applications/app-tv-list").ExpectProblem(404, "application.not_found");
    }

    private async Task Refused(string token)
    {
        var events = await api.EventCountAsync();
        var s = api.WithToken(token);
        var reply = await s.Get(Probe);
        reply.ExpectProblem(401, AuthErrorCodes.TokenInvalid);
        reply.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        await s.Post("/funds", Builders.Fund("fund-refused", "DE", "EUR", "1", "100", new { preset = "none" })).ExpectProblem(401, AuthErrorCodes.TokenInvalid);
        (await api.EventCountAsync()).ShouldBe(events);
    }

    private LocalTokens Minter(AuthOptions options) => new(options, api.Clock);

    /// <summary>A correctly signed token whose only role is unknown to us, written by hand (LocalTokens refuses to mint it).</summary>
    private string UnknownRoleToken() => HandWrittenToken(new Dictionary<string, object> { ["sub"] = "tv-nobody", ["role"] = "superuser" });

    /// <summary>A correctly signed token with exactly these claims, such as a claim mix LocalTokens refuses to mint.</summary>
    private string HandWrittenToken(Dictionary<string, object> claims)
    {
        var options = new AuthOptions { SigningKey = ApiFactory.SigningKey };
        var now = api.Clock.GetCurrentInstant();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            NotBefore = now.ToDateTimeUtc(),
            IssuedAt = now.ToDateTimeUtc(),
            Expires = (now + Duration.FromHours(1)).ToDateTimeUtc(),
            SigningCredentials = new SigningCredentials(VerificationKeys.SharedKey(options.SigningKey!), SecurityAlgorithms.HmacSha256),
        };
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}

using System.Net;

namespace StartupFund.Web.Tests;

/// <summary>Without demo mode nobody can pick an identity: only a bearer token signs in.</summary>
public sealed class ProductionSignInTests(ProductionWebFactory factory) : IClassFixture<ProductionWebFactory>
{
    [Fact]
    public async Task The_sign_in_page_offers_no_demo_identity_and_refuses_one_posted_anyway()
    {
        using var session = factory.Session();
        var (_, page) = await session.GetAsync("/app/signin");
        page.ShouldNotContain("name=\"identity\"");
        page.ShouldContain("<label for=\"token\">Bearer token</label>");

        var response = await session.PostFormAsync("/app/signin", "/app/signin", new() { ["identity"] = "admin" });
        response.Headers.Location!.ToString().ShouldBe("/app/signin?error=signin.identity_unknown");
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task A_pasted_token_signs_in()
    {
        var token = new Security.LocalTokens(new Security.AuthOptions { SigningKey = WebFactory.SigningKey }, NodaTime.SystemClock.Instance)
            .Mint(Security.DemoIdentities.Find("regulator-de")!.Identity);
        using var session = factory.Session();
        var response = await session.PostFormAsync("/app/signin", "/app/signin", new() { ["token"] = "Bearer " + token, ["returnUrl"] = "/app/audit" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/app/audit");

        var (_, html) = await session.GetAsync("/app/audit?country=DE");
        html.ShouldContain("Signed in as demo-regulator-de");
        html.ShouldContain("href=\"/app/audit/streams/fund%3Ade-ai-fund\"");
    }

    [Theory]
    [InlineData("shape-only", "signin.token_invalid")]
    [InlineData("", "signin.token_missing")]
    [InlineData("a.b.c", "signin.token_invalid")]
    [InlineData("forged", "signin.token_refused")]
    [InlineData("other-key", "signin.token_refused")]
    [InlineData("expired", "signin.token_refused")]
    [InlineData("no-role", "signin.token_without_role")]
    public async Task A_pasted_token_the_api_would_refuse_is_refused_at_sign_in_with_why(string kind, string code)
    {
        var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
        var ours = new Security.LocalTokens(new Security.AuthOptions { SigningKey = WebFactory.SigningKey }, NodaTime.SystemClock.Instance);
        var regulator = Security.DemoIdentities.Find("regulator-de")!.Identity;
        var token = kind switch
        {
            "shape-only" => "not a token",
            "" => "   ",
            "a.b.c" => "a.b.c",
            "forged" => ours.Mint(regulator)[..^4] + "AAAA",
            "other-key" => new Security.LocalTokens(new Security.AuthOptions { SigningKey = "another-signing-key-0123456789abcdefgh" }, NodaTime.SystemClock.Instance).Mint(regulator),
            "expired" => ours.MintValidFrom(regulator, now - NodaTime.Duration.FromHours(2), NodaTime.Duration.FromMinutes(1)),
            _ => RoleOnly("auditor-of-nothing"),
        };

        using var session = factory.Session();
        var response = await session.PostFormAsync("/app/signin", "/app/signin", new() { ["token"] = token });

        response.Headers.Location!.ToString().ShouldBe("/app/signin?error=" + code);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
        var (_, page) = await session.GetAsync("/app/signin?error=" + code);
        page.ShouldContain($"data-code=\"{code}\"");
    }

    /// <summary>A token signed with the tests' key whose only role the ledger does not know (LocalTokens refuses to mint one).</summary>
    private static string RoleOnly(string role)
    {
        var options = new Security.AuthOptions { SigningKey = WebFactory.SigningKey };
        var now = DateTime.UtcNow;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = new Dictionary<string, object> { [Security.ClaimNames.Subject] = "someone", [Security.ClaimNames.Role] = role },
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                Security.VerificationKeys.SharedKey(WebFactory.SigningKey), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
    }
}

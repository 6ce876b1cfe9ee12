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
}

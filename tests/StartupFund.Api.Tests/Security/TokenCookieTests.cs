using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StartupFund.Api.Tests.Support;
using StartupFund.Security;

namespace StartupFund.Api.Tests.Security;

/// <summary>The bearer handler takes the web app's sf_token cookie under /app only; API paths need the Authorization header.</summary>
public sealed class TokenCookieTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/app", true)]
    [InlineData("/app/review", true)]
    [InlineData("/funds", false)]
    [InlineData("/applications/app-1", false)]
    [InlineData("/apple", false)]
    public async Task The_cookie_authenticates_only_under_app(string path, bool authenticated)
    {
        using var scope = api.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Path = path;
        http.Request.Headers.Cookie = $"{AuthSetup.TokenCookie}={api.Tokens.Mint(Cast.Admin)}";

        var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);

        result.Succeeded.ShouldBe(authenticated);
        if (authenticated)
        {
            Caller.From(result.Principal!).Subject.ShouldBe(Cast.Admin.Subject);
        }
    }
}

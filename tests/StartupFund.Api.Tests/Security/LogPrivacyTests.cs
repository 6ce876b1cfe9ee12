using StartupFund.Api.Tests.Support;
using StartupFund.Security;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests.Security;

/// <summary>A run of commands, refusals and bad tokens leaves no token, Authorization header or startup's identity in any log line.</summary>
public sealed class LogPrivacyTests(LogCaptureFactory api) : IClassFixture<LogCaptureFactory>
{
    [Fact]
    public async Task Logs_hold_no_tokens_no_authorization_header_and_no_startup_names_or_registration_numbers()
    {
        const string startupName = "Zephyrine Quantum Widgets GmbH";
        const string registration = "HRB-7734-SECRET";
        var startup = new TokenIdentity("lp-startup", [Roles.Startup], StartupId: "st-lp");
        var manager = new TokenIdentity("lp-manager", [Roles.FundManager], ["DE"]);
        var startupToken = api.Tokens.Mint(startup);
        var managerToken = api.Tokens.Mint(manager);

        await OpenFundedAsync(api.Scenario(), "fund-lp", "DE", "EUR", "1000000.00");
        var body = new
        {
            id = "app-lp",
            fundId = "fund-lp",
            startup = new { name = startupName, registrationNumber = registration, country = "DE" },
            sector = "AI", stage = "seed", instrument = "equity", requested = Money("1000.00", "EUR"), summary = "Private summary.",
        };
        await api.WithToken(startupToken).Post("/applications", body).Expect(201);
        await api.WithToken(startupToken).Post("/applications", body with { }).Expect(409);
        await api.WithToken(startupToken).PostRaw("/applications", "{\"startup\": {\"name\": \"" + startupName + "\", \"registrationNumber\": 5}}").Expect(400);
        await api.WithToken(managerToken).Post("/applications/app-lp/review").Expect(200);
        await api.WithToken(managerToken).Get("/applications/app-lp").Expect(200);
        await api.WithToken(startupToken).Post("/applications/app-lp/review").ExpectProblem(403, AuthErrorCodes.Forbidden);
        var tampered = managerToken[..^4] + "AAAA";
        await api.WithToken(tampered).Get("/applications/app-lp").ExpectProblem(401, AuthErrorCodes.TokenInvalid);
        await api.WithToken("garbage." + startupToken.Split('.')[1] + ".sig").Get("/funds").ExpectProblem(401, AuthErrorCodes.TokenInvalid);

        var lines = api.Lines.ToList();
        lines.ShouldContain(l => l.Contains("Command SubmitApplication", StringComparison.Ordinal), "the capture saw the command log");
        foreach (var secret in new[] { startupToken, managerToken, tampered, startupToken.Split('.')[1], managerToken.Split('.')[2], startupName, registration, "Bearer ", "Private summary" })
        {
            lines.ShouldNotContain(l => l.Contains(secret, StringComparison.Ordinal), $"a log line holds '{secret[..Math.Min(12, secret.Length)]}...'");
        }
    }
}

using Microsoft.IdentityModel.JsonWebTokens;
using NodaTime;
using StartupFund.Security;

namespace StartupFund.Cli.Tests;

/// <summary>The CLI's token command mints what the API verifies, with exactly the claims asked for.</summary>
public sealed class TokenCommandTests
{
    private const string Key = "cli-tests-signing-key-0123456789abcdef";

    [Fact]
    public async Task A_minted_token_verifies_with_the_apis_parameters_and_carries_the_claims_asked_for()
    {
        var run = await CliProcess.RunAsync(null, "token", "--key", Key, "--role", "fund_manager", "--role", "regulator",
            "--country", "de", "--country", "KE", "--subject", "alice-42", "--lifetime", "30m");
        run.ExitCode.ShouldBe(0, run.ToString());

        var result = await Validate(run.Output.Trim());
        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        var caller = Caller.From(new System.Security.Claims.ClaimsPrincipal(result.ClaimsIdentity));
        caller.Subject.ShouldBe("alice-42");
        caller.Roles.ShouldBe([Roles.FundManager, Roles.Regulator], ignoreOrder: true);
        caller.Countries.ShouldBe(["DE", "KE"], ignoreOrder: true);
        var token = new JsonWebToken(run.Output.Trim());
        (token.ValidTo - token.ValidFrom).ShouldBe(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task Every_demo_identity_gets_a_token_on_its_own_line()
    {
        var run = await CliProcess.RunAsync(null, "token", "--key", Key, "--demo", "all");
        run.ExitCode.ShouldBe(0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => l.Split('\t')[0]).ShouldBe(DemoIdentities.All.Select(d => d.Name));
        foreach (var line in lines)
        {
            (await Validate(line.Split('\t')[1])).IsValid.ShouldBeTrue(line);
        }
    }

    [Theory]
    [InlineData("--role", "startup")]
    [InlineData("--role", "emperor")]
    [InlineData("--role", "admin", "--lifetime", "forever")]
    [InlineData("--demo", "nobody")]
    [InlineData("--role", "fund_manager", "--country", "XX")]
    [InlineData("--role", "admin", "--subject", "a b")]
    [InlineData("--role", "fund_manager", "--country", "*")]
    [InlineData("--role", "regulator", "--role", "fund_manager", "--country", "*")]
    public async Task Incomplete_or_unknown_requests_are_refused_with_exit_code_2(params string[] arguments)
    {
        var run = await CliProcess.RunAsync(null, ["token", "--key", Key, .. arguments]);
        run.ExitCode.ShouldBe(2, run.ToString());
        run.Output.ShouldBeEmpty();
        run.Error.ShouldStartWith("error:");
        run.Error.ShouldNotContain("(Parameter");
    }

    [Fact]
    public async Task Without_a_key_nothing_is_minted()
    {
        var run = await CliProcess.RunAsync(null, "token", "--key", "", "--role", "admin");
        run.ExitCode.ShouldBe(2, run.ToString());
        run.Error.ShouldContain("Auth__SigningKey");
    }

    private static Task<Microsoft.IdentityModel.Tokens.TokenValidationResult> Validate(string token)
    {
        var options = new AuthOptions { SigningKey = Key };
        return new JsonWebTokenHandler().ValidateTokenAsync(token, AuthSetup.ValidationParameters(options, VerificationKeys.From(options), SystemClock.Instance));
    }
}

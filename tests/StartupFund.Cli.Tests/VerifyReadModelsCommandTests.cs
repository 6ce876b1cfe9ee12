using StartupFund.Testing;

namespace StartupFund.Cli.Tests;

/// <summary>verify-read-models over the seeded demo (its own database: the seed writes the default read-model schema).</summary>
public sealed class VerifyReadModelsCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_inline_read_models_are_checked_against_the_log_and_a_doctored_balance_is_named()
    {
        (await CliProcess.RunAsync(database.ConnectionString, "seed", "--schema", "rm")).ExitCode.ShouldBe(0);

        var faithful = await CliProcess.RunAsync(database.ConnectionString, "verify-read-models", "--schema", "rm");
        faithful.ExitCode.ShouldBe(0, faithful.ToString());
        faithful.Output.ShouldContain("faithful: the read models of 4 funds");
        (await CliProcess.RunAsync(database.ConnectionString, "verify-read-models", "--schema", "rm", "--country", "KE")).ExitCode.ShouldBe(0);

        await database.ExecuteAsync("update ledger.account_balances set debits_posted = debits_posted + 1 where fund_id = 'ke-ai-fund' and account = "
            + "(select min(account) from ledger.account_balances where fund_id = 'ke-ai-fund')");
        var doctored = await CliProcess.RunAsync(database.ConnectionString, "verify-read-models", "--schema", "rm");
        doctored.ExitCode.ShouldBe(1, doctored.ToString());
        doctored.Output.ShouldContain("fund ke-ai-fund balance");
        doctored.Output.ShouldContain("country KE balance");
        doctored.Output.ShouldNotContain("country DE");
        (await CliProcess.RunAsync(database.ConnectionString, "verify-read-models", "--schema", "rm", "--country", "DE")).ExitCode.ShouldBe(0);
    }
}

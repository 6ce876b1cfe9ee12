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
        doctored.Output.ShouldContain("fund ke-ai-fund balance:");
        // Not two whole documents: the figure that differs, with both values.
        doctored.Output.ShouldContain("$.figures.cashOnHand.amount: read model");
        doctored.Output.ShouldContain("country KE balance");
        doctored.Output.ShouldNotContain("country DE");
        (await CliProcess.RunAsync(database.ConnectionString, "verify-read-models", "--schema", "rm", "--country", "DE")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task An_imported_log_serves_again_once_its_read_models_are_rebuilt()
    {
        (await CliProcess.RunAsync(database.ConnectionString, "seed", "--schema", "rm")).ExitCode.ShouldBe(0);
        var file = Path.Combine(Path.GetTempPath(), $"rm-{Guid.NewGuid():N}.jsonl");
        try
        {
            (await CliProcess.RunAsync(database.ConnectionString, "export", "--schema", "rm", "--out", file)).ExitCode.ShouldBe(0);
            (await CliProcess.RunAsync(database.ConnectionString, "import", "--schema", "rm_imported", file)).ExitCode.ShouldBe(0);
            var events = await database.ScalarAsync<long>("select count(*) from rm_imported.events");

            var rebuilt = await CliProcess.RunAsync(database.ConnectionString, "rebuild-read-models", "--schema", "rm_imported", "--read-schema", "rm_imported_read");
            var verified = await CliProcess.RunAsync(database.ConnectionString, "verify-read-models", "--schema", "rm_imported", "--read-schema", "rm_imported_read");
            var again = await CliProcess.RunAsync(database.ConnectionString, "rebuild-read-models", "--schema", "rm_imported", "--read-schema", "rm_imported_read");

            rebuilt.ExitCode.ShouldBe(0, rebuilt.ToString());
            rebuilt.Output.ShouldContain($"from {events} events");
            verified.ExitCode.ShouldBe(0, verified.ToString());
            verified.Output.ShouldContain("faithful: the read models of 4 funds");
            again.ExitCode.ShouldBe(0, again.ToString());
            (await database.ScalarAsync<long>("select count(*) from rm_imported_read.funds")).ShouldBe(4);
            (await CliProcess.RunAsync(database.ConnectionString, "rebuild-read-models", "--schema", "rm_imported", "--read-schema", "bad schema!")).ExitCode.ShouldBe(2);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

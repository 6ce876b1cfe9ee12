using StartupFund.Testing;

namespace StartupFund.Cli.Tests;

public sealed class MigrateCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrate_creates_the_event_store_and_the_read_models_and_is_safe_to_run_again()
    {
        var first = await CliProcess.RunAsync(database.ConnectionString, "migrate");
        var again = await CliProcess.RunAsync(database.ConnectionString, "migrate");

        first.ExitCode.ShouldBe(0, first.ToString());
        first.Output.ShouldContain("applied migration(s)");
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Output.ShouldContain("is up to date");
        (await database.ScalarAsync<long>("select count(*) from information_schema.tables where table_schema = 'ledger' and table_name in ('funds', 'applications', 'idempotency', 'journal_entries', 'account_balances')"))
            .ShouldBe(5L);
        (await database.ScalarAsync<long>("select count(*) from information_schema.tables where table_schema = 'eventstore' and table_name in ('streams', 'events')"))
            .ShouldBe(2L);
    }
}

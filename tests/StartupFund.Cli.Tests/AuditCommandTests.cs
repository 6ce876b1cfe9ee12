using NodaTime;
using StartupFund.EventStore;
using StartupFund.EventStore.Schema;
using StartupFund.EventStore.Serialization;
using StartupFund.Testing;

namespace StartupFund.Cli.Tests;

public sealed record Deposited(long AmountMinor, LocalDate ValueDate);

public sealed class AuditCommandTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("startupfund-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Export_then_verify_offline_is_clean_and_an_edited_line_is_located_with_exit_code_1()
    {
        await SeededStoreAsync("exp_verify");
        var file = Path.Combine(directory, "export.jsonl");

        var export = await CliProcess.RunAsync(database.ConnectionString, "export", "--schema", "exp_verify", "--out", file);
        var clean = await CliProcess.RunAsync(null, "verify", file);
        var lines = await File.ReadAllLinesAsync(file);
        var target = Array.FindIndex(lines, l => l.Contains("\"version\":3,", StringComparison.Ordinal) && l.Contains("fund-de", StringComparison.Ordinal));
        lines[target] = lines[target].Replace("\"amountMinor\":300", "\"amountMinor\":301", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(file, lines);
        var tampered = await CliProcess.RunAsync(null, "verify", file);

        export.ExitCode.ShouldBe(0, export.ToString());
        export.Output.ShouldContain("exported 6 events");
        clean.ExitCode.ShouldBe(0, clean.ToString());
        clean.Output.ShouldContain("clean");
        tampered.ExitCode.ShouldBe(1, tampered.ToString());
        tampered.Output.ShouldContain($"BROKEN line {target + 1} (fund-de version 3)");
    }

    [Fact]
    public async Task Import_loads_a_clean_file_into_an_empty_store_and_refuses_a_tampered_one_writing_nothing()
    {
        await SeededStoreAsync("imp_source");
        var file = Path.Combine(directory, "source.jsonl");
        (await CliProcess.RunAsync(database.ConnectionString, "export", "--schema", "imp_source", "--out", file)).ExitCode.ShouldBe(0);
        var tamperedFile = Path.Combine(directory, "tampered.jsonl");
        var lines = (await File.ReadAllLinesAsync(file)).ToList();
        lines.RemoveAt(2);
        await File.WriteAllLinesAsync(tamperedFile, lines);

        var imported = await CliProcess.RunAsync(database.ConnectionString, "import", "--schema", "imp_target", file);
        var verified = await CliProcess.RunAsync(database.ConnectionString, "verify", "--schema", "imp_target");
        var refused = await CliProcess.RunAsync(database.ConnectionString, "import", "--schema", "imp_refused", tamperedFile);

        imported.ExitCode.ShouldBe(0, imported.ToString());
        imported.Output.ShouldContain("imported 6 events");
        verified.ExitCode.ShouldBe(0, verified.ToString());
        verified.Output.ShouldContain("checked 6 events in 2 streams");
        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Error.ShouldContain("Import refused");
        (await database.ScalarAsync<long>("select count(*) from imp_refused.events")).ShouldBe(0);
    }

    [Fact]
    public async Task A_digest_kept_elsewhere_exposes_a_rewritten_history()
    {
        await SeededStoreAsync("dig");
        var digest = await CliProcess.RunAsync(database.ConnectionString, "digest", "--schema", "dig");
        var kept = digest.Output.Split('\n').Single(l => l.StartsWith("digest:", StringComparison.Ordinal))["digest:".Length..].Trim();

        var before = await CliProcess.RunAsync(database.ConnectionString, "verify", "--schema", "dig", "--extends", kept);
        await database.ExecuteAsync("update dig.events set hash = sha256(hash) where stream_id = 'fund-ke'");
        await database.ExecuteAsync("update dig.streams s set head_hash = e.hash from dig.events e where e.stream_id = s.id and e.version = s.version");
        var after = await CliProcess.RunAsync(database.ConnectionString, "verify", "--schema", "dig", "--extends", kept);

        digest.ExitCode.ShouldBe(0, digest.ToString());
        before.ExitCode.ShouldBe(0, before.ToString());
        after.ExitCode.ShouldBe(1, after.ToString());
        after.Output.ShouldContain("history was rewritten");
    }

    [Theory]
    [InlineData("verify", "/no/such/file.jsonl")]
    [InlineData("verify", "--extends", "not-a-digest")]
    [InlineData("verify", "--stream", "a", "--country", "KE")]
    [InlineData("verify", "--stream", "fund:no-such-fund")]
    [InlineData("verify", "--country", "XX")]
    [InlineData("digest", "--country", "XX")]
    [InlineData("export", "--out", "/tmp/x.jsonl", "--country", "Kenya")]
    public async Task Bad_arguments_get_a_message_and_exit_code_2(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(database.ConnectionString, arguments);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldStartWith("error:");
    }

    [Fact]
    public async Task A_command_without_a_database_says_how_to_give_one()
    {
        var result = await CliProcess.RunAsync(null, "migrate");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("STARTUPFUND_DB");
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("verify", "one.jsonl", "two.jsonl")]
    [InlineData("verify", "--extends")]
    [InlineData("verify", "--stream", "fund-de", "--extends", "1:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("export")]
    [InlineData("audit-summary")]
    [InlineData("token", "--sub", "x")]
    public async Task A_usage_error_exits_with_2_not_the_1_that_means_tampering_found(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(database.ConnectionString, arguments);

        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.ShouldNotBeNullOrWhiteSpace();
        result.Output.ShouldBeEmpty("TOKEN=$(startupfund ...) must not capture help text");
    }

    [Fact]
    public async Task An_export_digest_or_summary_that_would_miss_committed_events_refuses_and_a_failed_export_keeps_the_last_file()
    {
        var store = await SeededStoreAsync("exp_horizon");
        var file = Path.Combine(directory, "last-good.jsonl");
        await File.WriteAllTextAsync(file, "the last good export");

        // A transaction left open anywhere on the server holds the log's horizon below the events committed since it began.
        await using (var idle = await database.DataSource.OpenConnectionAsync())
        await using (var open = await idle.BeginTransactionAsync())
        {
            await using (var xid = new Npgsql.NpgsqlCommand("select pg_current_xact_id()", idle, open))
            {
                await xid.ExecuteScalarAsync();
            }

            await store.AppendAsync(new StreamAppend("fund-de", "fund", "DE", ExpectedVersion.Any, [new Deposited(400, new LocalDate(2026, 4, 1))]));

            var held = await CliProcess.RunAsync(database.ConnectionString, "export", "--schema", "exp_horizon", "--out", file, "--horizon-wait", "1");
            var digest = await CliProcess.RunAsync(database.ConnectionString, "digest", "--schema", "exp_horizon", "--horizon-wait", "1");
            var summary = await CliProcess.RunAsync(database.ConnectionString, "audit-summary", "--schema", "exp_horizon", "--country", "DE", "--horizon-wait", "1");

            held.ExitCode.ShouldBe(2, held.ToString());
            held.Error.ShouldContain("holds back the log's horizon");
            digest.ExitCode.ShouldBe(2, digest.ToString());
            digest.Error.ShouldContain("holds back the log's horizon");
            summary.ExitCode.ShouldBe(2, summary.ToString());
            summary.Error.ShouldContain("holds back the log's horizon");
        }

        (await File.ReadAllTextAsync(file)).ShouldBe("the last good export");
        var failed = await CliProcess.RunAsync(database.ConnectionString, "export", "--schema", "no_such_schema", "--out", file);
        failed.ExitCode.ShouldBe(2, failed.ToString());
        (await File.ReadAllTextAsync(file)).ShouldBe("the last good export");
        File.Exists(file + ".partial").ShouldBeFalse();

        var export = await CliProcess.RunAsync(database.ConnectionString, "export", "--schema", "exp_horizon", "--out", file);
        export.ExitCode.ShouldBe(0, export.ToString());
        export.Output.ShouldContain("exported 7 events");
    }

    [Theory]
    [InlineData("digest")]
    [InlineData("verify-read-models")]
    public async Task A_schema_without_tables_says_to_check_the_schema_or_migrate_not_a_raw_sql_error(string verb)
    {
        var result = await CliProcess.RunAsync(database.ConnectionString, verb, "--schema", "no_such_schema");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("run 'startupfund migrate'");
        result.Error.ShouldNotContain("42P01");
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_one_line_and_exit_2_not_a_stack_trace()
    {
        var unreadable = await CliProcess.RunAsync(null, "verify", "/proc/self/mem");
        var folder = await CliProcess.RunAsync(null, "verify", directory);

        unreadable.ExitCode.ShouldBe(2, unreadable.ToString());
        unreadable.Error.Trim().ShouldStartWith("error: ");
        unreadable.Error.ShouldNotContain("   at ");
        folder.ExitCode.ShouldBe(2, folder.ToString());
        folder.Error.ShouldContain("is a directory");
    }

    private async Task<EventStore.EventStore> SeededStoreAsync(string schema)
    {
        var store = new EventStore.EventStore(database.DataSource, new EventStoreOptions
        {
            Schema = new SchemaName(schema),
            Events = new EventTypeRegistry().Register<Deposited>("deposited"),
        });
        await store.MigrateAsync();
        var day = new LocalDate(2026, 3, 31);
        await store.AppendAsync(new StreamAppend("fund-de", "fund", "DE", ExpectedVersion.NoStream, [new Deposited(100, day), new Deposited(200, day), new Deposited(300, day)]));
        await store.AppendAsync(new StreamAppend("fund-ke", "fund", "KE", ExpectedVersion.NoStream, [new Deposited(1, day), new Deposited(2, day), new Deposited(3, day)]));
        // the log horizon is cluster-wide; wait until both appends are readable so the export holds them
        for (var attempt = 0; attempt < 500 && (await store.ComputeDigestAsync()).Events < 6; attempt++)
        {
            await Task.Delay(20);
        }

        return store;
    }
}

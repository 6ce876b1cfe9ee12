using StartupFund.Testing;

namespace StartupFund.Cli.Tests;

/// <summary>audit-summary and rebuild-projections [--verify] as an operator runs them, over the seeded demo.</summary>
public sealed class ProjectionCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_audit_summary_is_printed_verified_faithful_found_doctored_and_repaired_by_a_rebuild()
    {
        (await CliProcess.RunAsync(database.ConnectionString, "seed", "--schema", "proj")).ExitCode.ShouldBe(0);

        var summary = await CliProcess.RunAsync(database.ConnectionString, "audit-summary", "--schema", "proj", "--country", "DE");
        summary.ExitCode.ShouldBe(0, summary.ToString());
        summary.Output.ShouldContain("events per type per day");
        summary.Output.ShouldContain("funds-disbursed");
        summary.Output.ShouldContain("largest single disbursements");
        var json = await CliProcess.RunAsync(database.ConnectionString, "audit-summary", "--schema", "proj", "--country", "KE", "--json");
        json.ExitCode.ShouldBe(0, json.ToString());
        System.Text.Json.JsonDocument.Parse(json.Output).RootElement.GetProperty("country").GetString().ShouldBe("KE");

        var faithful = await CliProcess.RunAsync(database.ConnectionString, "rebuild-projections", "--schema", "proj", "--verify");
        faithful.ExitCode.ShouldBe(0, faithful.ToString());
        faithful.Output.ShouldContain("audit-summary: faithful");

        await database.ExecuteAsync("delete from proj.audit_largest_disbursements where country = 'DE'");
        var doctored = await CliProcess.RunAsync(database.ConnectionString, "rebuild-projections", "--schema", "proj", "--verify");
        doctored.ExitCode.ShouldBe(1, doctored.ToString());
        doctored.Output.ShouldContain("audit-summary: DIFFERS");
        doctored.Output.ShouldContain("audit_largest_disbursements: 0 rows only in the live table");

        var rebuilt = await CliProcess.RunAsync(database.ConnectionString, "rebuild-projections", "--schema", "proj");
        rebuilt.ExitCode.ShouldBe(0, rebuilt.ToString());
        rebuilt.Output.ShouldContain("swapped in");
        (await CliProcess.RunAsync(database.ConnectionString, "rebuild-projections", "--schema", "proj", "--verify")).ExitCode.ShouldBe(0);
        (await CliProcess.RunAsync(database.ConnectionString, "rebuild-projections", "--schema", "proj", "--projection", "nope")).ExitCode.ShouldBe(2);
    }
}

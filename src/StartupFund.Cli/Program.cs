using System.CommandLine;
using StartupFund.Cli;

var root = new RootCommand("""
    StartupFund operator and regulator tool.
    Every command needs a database, except 'verify FILE' and 'replay FILE', which read an export file alone:
    pass --db "<Npgsql connection string>" or set STARTUPFUND_DB (./build.sh db url prints the local one).
    """);
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(DigestCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(AuditSummaryCommand.Create());
root.Subcommands.Add(RunProjectionsCommand.Create());
root.Subcommands.Add(RebuildProjectionsCommand.Create());
root.Subcommands.Add(VerifyReadModelsCommand.Create());
root.Subcommands.Add(RebuildReadModelsCommand.Create());
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(TokenCommand.Create());
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Usage errors go to stderr alone: printed with the help on stdout, TOKEN=$(startupfund token --typo) would capture the help.
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {error.Message}");
    }

    var command = parsed.CommandResult.Command == root ? "startupfund" : $"startupfund {parsed.CommandResult.Command.Name}";
    await Console.Error.WriteLineAsync($"see: {command} --help");
    return ExitCodes.UsageOrEnvironment;
}

int exitCode;
try
{
    exitCode = await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // A command handles the failures it expects; anything else still gets one line, not a stack trace,
    // and exit 2: System.CommandLine's default handler exits 1, which 'verify' reports for tampering.
    await Console.Error.WriteLineAsync($"error: {DatabaseErrors.Describe(e)}");
    return ExitCodes.UsageOrEnvironment;
}

return exitCode;

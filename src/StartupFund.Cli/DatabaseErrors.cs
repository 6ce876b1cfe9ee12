using Npgsql;

namespace StartupFund.Cli;

internal static class DatabaseErrors
{
    /// <summary>An error in words an operator can act on: a missing table or schema means the wrong --schema or no 'migrate' yet.</summary>
    public static string Describe(Exception error) => error is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName } missing
        ? $"this database has no StartupFund tables where the command looks ({missing.MessageText}): check --db and --schema, or run 'startupfund migrate' with them first"
        : error.Message;
}

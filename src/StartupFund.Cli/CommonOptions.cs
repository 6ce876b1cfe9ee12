using System.CommandLine;
using Npgsql;
using StartupFund.EventStore;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger;

namespace StartupFund.Cli;

/// <summary>The options every database command shares, and how they become an event store.</summary>
internal static class CommonOptions
{
    public static Option<string?> Database { get; } = new("--db")
    {
        Description = "Npgsql connection string; defaults to the STARTUPFUND_DB environment variable.",
    };

    public static Option<string> Schema { get; } = new("--schema")
    {
        Description = "PostgreSQL schema that holds the event store.",
        DefaultValueFactory = _ => "eventstore",
    };

    /// <summary>For the commands on the ledger's read models (added by each of them).</summary>
    public static Option<string> ReadSchema { get; } = new("--read-schema")
    {
        Description = "PostgreSQL schema that holds the ledger's read models.",
        DefaultValueFactory = _ => "ledger",
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(Database);
        command.Options.Add(Schema);
    }

    /// <summary>Opens the store the options name, or explains on stderr why it cannot and returns null.</summary>
    public static (NpgsqlDataSource DataSource, EventStore.EventStore Store)? OpenStore(ParseResult parseResult)
    {
        var connectionString = parseResult.GetValue(Database) ?? Environment.GetEnvironmentVariable("STARTUPFUND_DB");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("error: no database given. Pass --db \"Host=...;Database=...\" or set STARTUPFUND_DB.");
            return null;
        }

        SchemaName schema;
        NpgsqlDataSource dataSource;
        try
        {
            schema = new SchemaName(parseResult.GetValue(Schema)!);
            dataSource = StoreDataSource.Create(connectionString);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.PlainMessage()}");
            return null;
        }

        return (dataSource, new EventStore.EventStore(dataSource, new EventStoreOptions { Schema = schema }));
    }

    /// <summary>The ledger over the store and the read-model schema the options name, or null after explaining on stderr why not.</summary>
    public static (NpgsqlDataSource DataSource, StartupFundLedger Ledger)? OpenLedger(ParseResult parseResult)
    {
        SchemaName read;
        try
        {
            read = new SchemaName(parseResult.GetValue(ReadSchema)!);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.PlainMessage()}");
            return null;
        }

        return OpenStore(parseResult) is var (dataSource, store)
            ? (dataSource, new StartupFundLedger(dataSource, new LedgerOptions { EventSchema = store.Schema, ReadSchema = read }))
            : null;
    }
}

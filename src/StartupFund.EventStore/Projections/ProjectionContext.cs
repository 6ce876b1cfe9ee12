using Npgsql;
using StartupFund.EventStore.Schema;

namespace StartupFund.EventStore.Projections;

/// <summary>The append's open connection and transaction, handed to inline projections.</summary>
public sealed class ProjectionContext(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaName schema)
{
    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => transaction;

    public SchemaName Schema => schema;

    public NpgsqlCommand CreateCommand(string sql) => new(sql, connection, transaction);
}

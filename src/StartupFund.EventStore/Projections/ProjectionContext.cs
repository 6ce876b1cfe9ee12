using Npgsql;
using StartupFund.EventStore.Schema;

namespace StartupFund.EventStore.Projections;

/// <summary>The append's open connection and transaction, and the rows this projection asked to read, handed to inline projections.</summary>
public sealed class ProjectionContext(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaName schema, ProjectionReads? reads = null)
{
    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => transaction;

    public SchemaName Schema => schema;

    /// <summary>What <see cref="IInlineProjection.PlanReads"/> returned, its rows read; null if it asked for nothing.</summary>
    public ProjectionReads? Reads => reads;

    public NpgsqlCommand CreateCommand(string sql) => new(sql, connection, transaction);
}

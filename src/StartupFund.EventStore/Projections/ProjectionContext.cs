using Npgsql;
using StartupFund.EventStore.Schema;

namespace StartupFund.EventStore.Projections;

/// <summary>The append's open connection and transaction, and the rows this projection asked to read, handed to inline projections.</summary>
public sealed class ProjectionContext(NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaName schema,
    ProjectionReads? reads = null, List<NpgsqlBatchCommand>? writesWithCommit = null)
{
    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => transaction;

    public SchemaName Schema => schema;

    /// <summary>What <see cref="IInlineProjection.PlanReads"/> returned, its rows read; null if it asked for nothing.</summary>
    public ProjectionReads? Reads => reads;

    public NpgsqlCommand CreateCommand(string sql) => new(sql, connection, transaction);

    /// <summary>
    /// Queues a statement to be sent with the append's commit, in the order queued, after every
    /// projection has run: it costs no round trip of its own. If it fails, nothing of the append is
    /// written. A queued statement's effect is seen by no projection (not even a later one) nor by
    /// the snapshot refresh: a projection that needs it executes the statement instead. Only inline
    /// projections' contexts take such writes.
    /// </summary>
    public void WriteWithCommit(NpgsqlBatchCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (writesWithCommit is null)
        {
            throw new InvalidOperationException("This context commits no writes of its own; execute the statement.");
        }

        writesWithCommit.Add(command);
    }
}

using Npgsql;

namespace StartupFund.EventStore.Projections;

/// <summary>
/// What an inline projection reads before it writes, sent in the append's write round trip right
/// after the events. By then the append holds its streams' rows, so nothing it reads about them can
/// change before the commit; and the projection spares the append a round trip of its own.
/// </summary>
public abstract class ProjectionReads
{
    public abstract IReadOnlyList<NpgsqlBatchCommand> Commands { get; }

    /// <summary>Called once per row of <c>Commands[command]</c>, in order.</summary>
    public abstract void ReadRow(int command, NpgsqlDataReader row);
}

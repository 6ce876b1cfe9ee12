using Npgsql;
using StartupFund.EventStore.Schema;

namespace StartupFund.EventStore.Projections;

/// <summary>
/// Runs inside the append transaction after the events are written; whatever it writes commits with
/// them, and if it throws nothing of the append is written.
/// </summary>
public interface IInlineProjection
{
    /// <summary>
    /// The projection's writes for an append, planned before anything is sent from what the append
    /// carries (each stream's events and, when the store knows it, the state they fold to), so that
    /// the events, these writes and the COMMIT go in one round trip. The writes run after the events
    /// in the same transaction (an event's position is in the events table by then). Null when it
    /// cannot plan them (the default): the store then runs <see cref="PlanReads"/> and <see cref="ApplyAsync"/>.
    /// </summary>
    IReadOnlyList<NpgsqlBatchCommand>? PlanWrites(SchemaName storeSchema, IReadOnlyList<PendingAppend> streams) => null;

    /// <summary>The rows to read with the events' write (see <see cref="ProjectionReads"/>); none by default.</summary>
    ProjectionReads? PlanReads(IReadOnlyList<StreamAppend> appends) => null;

    /// <summary><paramref name="context"/> carries the reads <see cref="PlanReads"/> asked for, already done.</summary>
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}

namespace StartupFund.EventStore.Projections;

/// <summary>
/// Runs inside the append transaction after the events are written; whatever it writes commits with
/// them, and if it throws nothing of the append is written.
/// </summary>
public interface IInlineProjection
{
    /// <summary>The rows to read with the events' write (see <see cref="ProjectionReads"/>); none by default.</summary>
    ProjectionReads? PlanReads(IReadOnlyList<StreamAppend> appends) => null;

    /// <summary><paramref name="context"/> carries the reads <see cref="PlanReads"/> asked for, already done.</summary>
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}

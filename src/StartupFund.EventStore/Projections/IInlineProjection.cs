namespace StartupFund.EventStore.Projections;

/// <summary>
/// Runs inside the append transaction after the events are written; whatever it writes commits with
/// them, and if it throws nothing of the append is written.
/// </summary>
public interface IInlineProjection
{
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}

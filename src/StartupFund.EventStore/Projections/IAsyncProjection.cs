namespace StartupFund.EventStore.Projections;

/// <summary>
/// A read model kept up to date from the log by an <see cref="AsyncProjectionRunner"/>, outside
/// the append transaction, and rebuildable from position 0 by a <see cref="ProjectionRebuilder"/>.
/// It names its tables logically and writes them through <see cref="ProjectionTables"/>, so a
/// rebuild can direct the same code at shadow tables.
/// </summary>
public interface IAsyncProjection
{
    /// <summary>Stable name: keys the checkpoint and the single-runner lock. Lower-case letters, digits, '_' and '-'.</summary>
    string Name { get; }

    /// <summary>The logical names of the tables the projection owns.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>Creates the tables if they do not exist, under the physical names <paramref name="tables"/> gives.</summary>
    Task CreateTablesAsync(ProjectionContext context, ProjectionTables tables, CancellationToken cancellationToken);

    /// <summary>Applies events (in log order) to the tables; runs in a transaction with the checkpoint.</summary>
    Task ApplyAsync(ProjectionContext context, ProjectionTables tables, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}

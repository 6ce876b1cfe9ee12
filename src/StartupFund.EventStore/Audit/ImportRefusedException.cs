namespace StartupFund.EventStore.Audit;

/// <summary>An import wrote nothing: the file did not verify, or the target store was not empty.</summary>
public sealed class ImportRefusedException(string message, IReadOnlyList<FileBreak> breaks) : EventStoreException($"Import refused: {message}")
{
    public IReadOnlyList<FileBreak> Breaks { get; } = breaks;
}

namespace StartupFund.EventStore;

/// <summary>A page of the log and the cursor to continue after it.</summary>
public sealed record LogPage(IReadOnlyList<RecordedEvent> Events, LogCursor Next);

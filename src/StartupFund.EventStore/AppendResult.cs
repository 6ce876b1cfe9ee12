namespace StartupFund.EventStore;

/// <summary>What one append wrote: every event with its position, and each stream's new version.</summary>
public sealed record AppendResult(IReadOnlyList<RecordedEvent> Events, IReadOnlyDictionary<string, long> StreamVersions);

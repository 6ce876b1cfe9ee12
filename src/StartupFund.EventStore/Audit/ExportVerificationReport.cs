namespace StartupFund.EventStore.Audit;

/// <summary>Where an export file is broken: its line, and the stream and version when the line names one.</summary>
public sealed record FileBreak(int Line, string? StreamId, long? Version, string Reason)
{
    public override string ToString() =>
        StreamId is null ? $"line {Line}: {Reason}" : $"line {Line} ({StreamId} version {Version}): {Reason}";
}

/// <summary>The outcome of verifying an export file offline.</summary>
public sealed record ExportVerificationReport(
    long EventsChecked, long StreamsChecked, LogDigest Recomputed, LogDigest? Claimed, IReadOnlyList<FileBreak> Breaks)
{
    public bool IsClean => Breaks.Count == 0;
}

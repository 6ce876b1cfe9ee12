namespace StartupFund.EventStore.Hashing;

/// <summary>Where a stream's chain first breaks and why.</summary>
public sealed record ChainBreak(string StreamId, long Version, string Reason);

/// <summary>The outcome of recomputing hash chains: clean, or the first break of every broken stream.</summary>
public sealed record VerificationReport(long StreamsChecked, long EventsChecked, IReadOnlyList<ChainBreak> Breaks)
{
    public bool IsClean => Breaks.Count == 0;

    public ChainBreak? FirstBreak => Breaks.Count > 0 ? Breaks[0] : null;
}

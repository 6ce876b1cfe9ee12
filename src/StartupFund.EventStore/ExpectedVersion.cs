namespace StartupFund.EventStore;

/// <summary>What an append expects of a stream: that it does not exist, that it is at an exact version, or anything.</summary>
public readonly record struct ExpectedVersion
{
    private const long AnyMarker = -1;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>The stream must not exist yet (the same as <c>Exact(0)</c>).</summary>
    public static ExpectedVersion NoStream => new(0);

    /// <summary>No expectation: append after whatever is there, creating the stream if needed.</summary>
    public static ExpectedVersion Any => new(AnyMarker);

    private long Value { get; }

    public bool IsAny => Value == AnyMarker;

    /// <summary>The expected stream version; 0 means the stream must not exist. Meaningless when <see cref="IsAny"/>.</summary>
    public long Version => IsAny ? throw new InvalidOperationException("ExpectedVersion.Any has no version.") : Value;

    public static ExpectedVersion Exact(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new(version);
    }

    internal bool IsSatisfiedBy(long actualVersion) => IsAny || Value == actualVersion;

    public override string ToString() => Value switch
    {
        AnyMarker => "any version",
        0 => "no stream",
        _ => $"version {Value}",
    };
}

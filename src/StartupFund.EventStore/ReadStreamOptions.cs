using NodaTime;

namespace StartupFund.EventStore;

/// <summary>Which part of a stream to read: a version range and, for time travel, an instant.</summary>
public sealed record ReadStreamOptions
{
    public static ReadStreamOptions All { get; } = new();

    /// <summary>First version to return (inclusive, from 1).</summary>
    public long FromVersion { get; init; } = 1;

    /// <summary>Last version to return (inclusive).</summary>
    public long ToVersion { get; init; } = long.MaxValue;

    /// <summary>Only events recorded at or before this instant.</summary>
    public Instant? RecordedUpTo { get; init; }

    internal void Validate()
    {
        if (FromVersion < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FromVersion), FromVersion, "Stream versions start at 1.");
        }

        if (ToVersion < FromVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(ToVersion), ToVersion, $"ToVersion must be at least FromVersion ({FromVersion}).");
        }
    }
}

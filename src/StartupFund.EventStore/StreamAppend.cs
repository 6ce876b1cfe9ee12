using System.Text.RegularExpressions;

namespace StartupFund.EventStore;

/// <summary>Events for one stream within an append, with the version the stream is expected to be at.</summary>
public sealed partial record StreamAppend
{
    public const int MaxStreamIdLength = 200;
    public const int MaxStreamTypeLength = 100;

    public StreamAppend(string streamId, string streamType, string? country, ExpectedVersion expected, IReadOnlyList<object> events)
    {
        ValidateStreamId(streamId);
        ArgumentNullException.ThrowIfNull(streamType);
        if (streamType.Length is 0 or > MaxStreamTypeLength)
        {
            throw new ArgumentException($"Stream type must be 1-{MaxStreamTypeLength} characters.", nameof(streamType));
        }

        if (country is not null && !CountryPattern().IsMatch(country))
        {
            throw new ArgumentException($"Country '{country}' must be two upper-case letters (ISO 3166-1 alpha-2) or null.", nameof(country));
        }

        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException($"An append to stream '{streamId}' must carry at least one event.", nameof(events));
        }

        if (events.Any(e => e is null))
        {
            throw new ArgumentException($"An append to stream '{streamId}' contains a null event.", nameof(events));
        }

        StreamId = streamId;
        StreamType = streamType;
        Country = country;
        Expected = expected;
        Events = events;
    }

    public string StreamId { get; }

    public string StreamType { get; }

    public string? Country { get; }

    public ExpectedVersion Expected { get; }

    public IReadOnlyList<object> Events { get; }

    public static void ValidateStreamId(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        if (streamId.Length is 0 or > MaxStreamIdLength)
        {
            throw new ArgumentException($"Stream id must be 1-{MaxStreamIdLength} characters; got {streamId.Length}.", nameof(streamId));
        }

        if (streamId.Any(char.IsControl))
        {
            throw new ArgumentException("Stream id must not contain control characters.", nameof(streamId));
        }
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}

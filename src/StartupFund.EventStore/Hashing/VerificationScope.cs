namespace StartupFund.EventStore.Hashing;

/// <summary>Which streams a verification covers: all, one stream, or one country's.</summary>
public sealed record VerificationScope
{
    private VerificationScope(string? streamId, string? country)
    {
        StreamId = streamId;
        Country = country;
    }

    public static VerificationScope Everything { get; } = new(null, null);

    public string? StreamId { get; }

    public string? Country { get; }

    public static VerificationScope Stream(string streamId)
    {
        StreamAppend.ValidateStreamId(streamId);
        return new(streamId, null);
    }

    public static VerificationScope ForCountry(string country)
    {
        ArgumentNullException.ThrowIfNull(country);
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException($"Country '{country}' must be two upper-case letters.", nameof(country));
        }

        return new(null, country);
    }
}

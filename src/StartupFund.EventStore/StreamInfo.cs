using NodaTime;

namespace StartupFund.EventStore;

/// <summary>A stream's row: its type, country and tip.</summary>
public sealed record StreamInfo(
    string Id, string Type, string? Country, long Version, byte[] HeadHash, Instant CreatedAt, Instant UpdatedAt, bool Archived);

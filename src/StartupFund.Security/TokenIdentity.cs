namespace StartupFund.Security;

/// <summary>Who a token speaks for: the claims <see cref="LocalTokens"/> writes and <see cref="Caller"/> reads.</summary>
public sealed record TokenIdentity(
    string Subject,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string>? Countries = null,
    string? StartupId = null,
    string? InvestorId = null)
{
    public IReadOnlyList<string> Countries { get; init; } = Countries ?? [];
}

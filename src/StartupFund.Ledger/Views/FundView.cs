using NodaTime;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;

namespace StartupFund.Ledger.Views;

public sealed record SponsorView(string SponsorId, string Name, SponsorKind Kind, Money Committed, Money Called, Money Uncalled);

public sealed record CapitalCallView(string CallId, string SponsorId, Money Amount, Money Received, Money Outstanding, LocalDate? DueDate);

public sealed record MatchingBandView(Money? UpToPublic, int PublicParts, int PrivateParts);

public sealed record PolicyView(Money TicketMin, Money TicketMax, IReadOnlyList<MatchingBandView> Bands, string? MaxPublicShare, int MinimumReviewerScores);

/// <summary>
/// A fund as its stream says it is now (version = ETag). Its money, sponsors and calls are for those who
/// oversee its country; everyone else gets <see cref="WithoutFigures"/>, the directory entry a startup
/// applies from (null figures, sponsors and calls: not shown, which an empty list would not say).
/// </summary>
public sealed record FundView(
    string FundId,
    string Country,
    string Name,
    string Currency,
    FundStatus Status,
    PolicyView? Policy,
    Money? Committed,
    Money? Called,
    Money? Received,
    Money? CashOnHand,
    Money? Reserved,
    Money? Disbursed,
    Money? AvailableToCommit,
    IReadOnlyList<SponsorView>? Sponsors,
    IReadOnlyList<CapitalCallView>? CapitalCalls,
    long Version,
    Instant UpdatedAt)
{
    public static FundView From(FundState state, long version, Instant updatedAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        Money M(long minor) => state.Money(minor);
        return new FundView(
            state.Id.Value,
            state.Country.Value,
            state.Name,
            state.Currency.Code,
            state.Status,
            state.Policy is { } policy ? PolicyOf(policy, state.Currency) : null,
            M(state.CommittedMinor),
            M(state.CalledMinor),
            M(state.ReceivedMinor),
            M(state.CashOnHandMinor),
            M(state.ReservedMinor),
            M(state.DisbursedMinor),
            M(state.AvailableToCommitMinor),
            [.. state.Sponsors.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
                new SponsorView(s.Key, s.Value.Name, s.Value.Kind, M(s.Value.CommittedMinor), M(s.Value.CalledMinor), M(s.Value.UncalledMinor)))],
            [.. state.Calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
                new CapitalCallView(c.Key, c.Value.SponsorId.Value, M(c.Value.AmountMinor), M(c.Value.ReceivedMinor), M(c.Value.OutstandingMinor), c.Value.DueDate))],
            version,
            updatedAt);
    }

    /// <summary>The fund's terms without its money, sponsors or calls.</summary>
    public FundView WithoutFigures() => this with
    {
        Committed = null,
        Called = null,
        Received = null,
        CashOnHand = null,
        Reserved = null,
        Disbursed = null,
        AvailableToCommit = null,
        Sponsors = null,
        CapitalCalls = null,
    };

    private static PolicyView PolicyOf(FundPolicy policy, Currency currency) => new(
        policy.TicketMin,
        policy.TicketMax,
        [.. policy.Matching.Bands.Select(b => new MatchingBandView(
            b.UpToPublicMinor is { } cap ? new Money(cap, currency) : null, b.PublicParts, b.PrivateParts))],
        policy.Matching.MaxPublicShare?.ToString(),
        policy.MinimumReviewerScores);
}

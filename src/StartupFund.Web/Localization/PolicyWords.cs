using Microsoft.Extensions.Localization;
using StartupFund.Ledger.Views;
using static StartupFund.Web.Formatting.Formats;

namespace StartupFund.Web.Localization;

/// <summary>A fund's policy in words: its matching rule for the dashboard, and its whole terms beside an application.</summary>
public static class PolicyWords
{
    /// <summary>"public:private 1:1 up to 1,000,000.00 EUR public; public share at most 40%", or that none is required.</summary>
    public static string Matching(IStringLocalizer<Text> l, PolicyView? policy)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (policy is null)
        {
            return "–";
        }

        var parts = policy.Bands.Select(b => b.UpToPublic is { } cap
            ? l["policy.bandUpTo", b.PublicParts, b.PrivateParts, Money(cap)].Value
            : l["policy.band", b.PublicParts, b.PrivateParts].Value).ToList();
        if (policy.MaxPublicShare is { } share)
        {
            parts.Add(l["policy.maxPublicShare", share].Value);
        }

        return parts.Count == 0 ? l["policy.none"].Value : string.Join("; ", parts);
    }

    /// <summary>The tickets, the scores a decision needs and the matching: what a reviewer and a startup judge an application by.</summary>
    public static string Terms(IStringLocalizer<Text> l, PolicyView policy)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(policy);
        return l["policy.terms", Money(policy.TicketMin), Money(policy.TicketMax),
            l.Count("policy.scores", policy.MinimumReviewerScores, policy.MinimumReviewerScores).Value, Matching(l, policy)].Value;
    }
}

using StartupFund.Domain.Common;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Funds;

/// <summary>
/// The rules a fund applies to every application: ticket size per startup, co-investment matching
/// and how many reviewer scores a decision needs.
/// </summary>
public sealed record FundPolicy(Money TicketMin, Money TicketMax, MatchingPolicy Matching, int MinimumReviewerScores)
{
    public void Validate(Currency fundCurrency)
    {
        TicketMin.RequireCurrency(fundCurrency, "policy.ticketMin").RequirePositive("policy.ticketMin");
        TicketMax.RequireCurrency(fundCurrency, "policy.ticketMax").RequirePositive("policy.ticketMax");
        if (TicketMin > TicketMax)
        {
            throw DomainException.Invalid(ErrorCodes.FundPolicyInvalid, "The minimum ticket exceeds the maximum ticket.", "policy.ticketMin");
        }

        if (MinimumReviewerScores is < 0 or > Limits.MinimumReviewerScoresMax)
        {
            throw DomainException.Invalid(
                ErrorCodes.FundPolicyInvalid,
                $"The minimum number of reviewer scores must be 0..{Limits.MinimumReviewerScoresMax}.",
                "policy.minimumReviewerScores");
        }

        if (Matching is null)
        {
            throw DomainException.Invalid(ErrorCodes.FundPolicyInvalid, "A fund policy needs a matching policy.", "policy.matching");
        }

        Matching.Validate();
    }
}

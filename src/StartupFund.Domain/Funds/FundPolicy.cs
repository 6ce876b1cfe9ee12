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
        TicketMin.RequireCurrency(fundCurrency, nameof(TicketMin)).RequirePositive(nameof(TicketMin));
        TicketMax.RequireCurrency(fundCurrency, nameof(TicketMax)).RequirePositive(nameof(TicketMax));
        if (TicketMin > TicketMax)
        {
            throw DomainException.Invalid(ErrorCodes.FundPolicyInvalid, "The minimum ticket exceeds the maximum ticket.");
        }

        if (MinimumReviewerScores is < 0 or > Limits.MinimumReviewerScoresMax)
        {
            throw DomainException.Invalid(
                ErrorCodes.FundPolicyInvalid,
                $"The minimum number of reviewer scores must be 0..{Limits.MinimumReviewerScoresMax}.");
        }

        if (Matching is null)
        {
            throw DomainException.Invalid(ErrorCodes.FundPolicyInvalid, "A fund policy needs a matching policy.");
        }

        Matching.Validate();
    }
}

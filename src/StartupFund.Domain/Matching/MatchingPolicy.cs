using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Matching;

/// <summary>
/// How much private co-investment must stand beside the public money paid to one application.
/// Bands apply to cumulative public money in order; <see cref="MaxPublicShare"/> caps
/// public / (public + private). The requirement is the stricter of the two. Fractions of a
/// minor unit are rounded up (per band), in favour of the public purse.
/// </summary>
public sealed record MatchingPolicy(IReadOnlyList<MatchingBand> Bands, Ratio? MaxPublicShare)
{
    /// <summary>The most public money one application may receive, if the last band is capped.</summary>
    public long? PublicCapMinor => Bands.Count == 0 ? null : Bands[^1].UpToPublicMinor;

    /// <summary>Checks the bands and the share; a refusal names its field as a fund policy's body does (<c>policy.matching...</c>).</summary>
    public void Validate()
    {
        if (Bands is null || Bands.Count > Limits.MatchingBandsMax)
        {
            throw DomainException.Invalid(ErrorCodes.MatchingPolicyInvalid, $"A policy has at most {Limits.MatchingBandsMax} bands.", "policy.matching.bands");
        }

        long previousCap = 0;
        for (var index = 0; index < Bands.Count; index++)
        {
            var band = Bands[index];
            band.Validate();
            var isLast = index == Bands.Count - 1;
            if (band.UpToPublicMinor is not { } cap)
            {
                if (!isLast)
                {
                    throw DomainException.Invalid(ErrorCodes.MatchingPolicyInvalid, "Only the last band may be uncapped.", $"policy.matching.bands[{index}].upToPublic");
                }

                continue;
            }

            if (cap <= previousCap)
            {
                throw DomainException.Invalid(ErrorCodes.MatchingPolicyInvalid, "Band caps must increase.", $"policy.matching.bands[{index}].upToPublic");
            }

            previousCap = cap;
        }

        if (MaxPublicShare is { } share && (share.Numerator == 0 || share.Numerator > share.Denominator))
        {
            throw DomainException.Invalid(ErrorCodes.MatchingPolicyInvalid, "The maximum public share must be in (0, 1].", "policy.matching.maxPublicShare");
        }

        // Bounded as band parts are, so a requirement always fits in an amount (at most 999 x the public money).
        if (MaxPublicShare is { Denominator: > MatchingBand.PartsMax })
        {
            throw DomainException.Invalid(ErrorCodes.MatchingPolicyInvalid,
                $"The maximum public share is a fraction of at most {MatchingBand.PartsMax} parts, e.g. 1/3 or 250/1000.", "policy.matching.maxPublicShare");
        }
    }

    /// <summary>Private money required beside <paramref name="cumulativePublicMinor"/> of public money.</summary>
    public long RequiredPrivateMinor(long cumulativePublicMinor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cumulativePublicMinor);
        if (cumulativePublicMinor > Limits.AmountMaxMinor)
        {
            throw DomainException.Invalid(ErrorCodes.MoneyAmountTooLarge, $"Public amount exceeds {Limits.AmountMaxMinor} minor units.");
        }

        if (PublicCapMinor is { } publicCap && cumulativePublicMinor > publicCap)
        {
            throw DomainException.Rule(
                ErrorCodes.MatchingPublicCapExceeded,
                $"The policy allows at most {publicCap} minor units of public money per application.");
        }

        Int128 byBands = 0;
        long lower = 0;
        foreach (var band in Bands)
        {
            var upper = Math.Min(cumulativePublicMinor, band.UpToPublicMinor ?? long.MaxValue);
            if (upper <= lower)
            {
                break;
            }

            byBands += CeilingDivide((Int128)(upper - lower) * band.PrivateParts, band.PublicParts);
            lower = upper;
        }

        Int128 byShare = 0;
        if (MaxPublicShare is { } share)
        {
            // public / (public + private) <= n / d  <=>  private >= public * (d - n) / n
            byShare = CeilingDivide((Int128)cumulativePublicMinor * (share.Denominator - share.Numerator), share.Numerator);
        }

        return checked((long)Int128.Max(byBands, byShare));
    }

    /// <summary>True when <paramref name="privateMinor"/> received covers the requirement for the public amount.</summary>
    public bool IsSatisfied(long cumulativePublicMinor, long privateMinor) =>
        privateMinor >= RequiredPrivateMinor(cumulativePublicMinor);

    private static Int128 CeilingDivide(Int128 numerator, long denominator) =>
        (numerator + denominator - 1) / denominator;
}

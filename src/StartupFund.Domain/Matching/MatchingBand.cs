using StartupFund.Domain.Common;

namespace StartupFund.Domain.Matching;

/// <summary>
/// Up to <see cref="UpToPublicMinor"/> of cumulative public money per application (null = no cap),
/// every <see cref="PublicParts"/> of public money needs <see cref="PrivateParts"/> of private money.
/// </summary>
public sealed record MatchingBand(long? UpToPublicMinor, int PublicParts, int PrivateParts)
{
    public const int PartsMax = 1000;

    internal void Validate()
    {
        if (PublicParts is < 1 or > PartsMax || PrivateParts is < 0 or > PartsMax)
        {
            throw DomainException.Invalid(ErrorCodes.MatchingPolicyInvalid, $"Band parts must be 1..{PartsMax} public and 0..{PartsMax} private.");
        }

        if (UpToPublicMinor is { } cap && (cap <= 0 || cap > Limits.AmountMaxMinor))
        {
            throw DomainException.Invalid(ErrorCodes.MatchingPolicyInvalid, "A band cap must be a positive amount within limits.");
        }
    }
}

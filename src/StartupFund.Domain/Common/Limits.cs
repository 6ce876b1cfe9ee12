namespace StartupFund.Domain.Common;

/// <summary>Every explicit bound of the domain (TIGER_STYLE: nothing is unbounded).</summary>
public static class Limits
{
    public const int IdMaxLength = 64;

    /// <summary>A person's id (a reviewer): as long as the subject of the API's tokens may be.</summary>
    public const int PersonIdMaxLength = 200;
    public const int NameMaxLength = 200;
    public const int CodeMaxLength = 64;
    public const int ReferenceMaxLength = 100;
    public const int SectorMaxLength = 100;
    public const int ReasonMaxLength = 1000;
    public const int CommentMaxLength = 2000;
    public const int TextMaxLength = 4000;

    /// <summary>No single amount may exceed 10^15 minor units, so sums of many stay far from overflow.</summary>
    public const long AmountMaxMinor = 1_000_000_000_000_000;

    /// <summary>
    /// No account of a fund may have more than 10^17 minor units posted (or pending) on one side over the fund's life:
    /// many amounts within <see cref="AmountMaxMinor"/> could otherwise add up past a 64-bit integer, and a trial
    /// balance adds up every account. Far beyond any real fund (10^15 euros); kept by the database (account_balance_limit).
    /// </summary>
    public const long AccountTotalMaxMinor = 100_000_000_000_000_000;

    public const int SponsorsPerFundMax = 100;
    public const int CapitalCallsPerFundMax = 10_000;
    public const int MatchingBandsMax = 8;
    public const int TranchesPerApplicationMax = 12;
    public const int ReviewerScoresPerApplicationMax = 32;
    public const int CoInvestorsPerApplicationMax = 64;
    public const int MinimumReviewerScoresMax = 10;

    /// <summary>A capital call falls due within a year of the day it is made: a call demands money, it does not plan it.</summary>
    public const int CallDueDaysMax = 366;

    /// <summary>A tranche falls due within ten years of its approval, the life of a fund.</summary>
    public const int TrancheDueYearsMax = 10;

    public const int ScoreMin = 1;
    public const int ScoreMax = 5;
}

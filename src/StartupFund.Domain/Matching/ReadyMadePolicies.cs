using StartupFund.Domain.Values;

namespace StartupFund.Domain.Matching;

/// <summary>Matching policies modelled on real public co-investment programmes.</summary>
public static class ReadyMadePolicies
{
    /// <summary>S$250,000 in cents: the first Startup SG Equity band (7:3).</summary>
    public const long SingaporeFirstCapMinor = 25_000_000;

    /// <summary>S$8,000,000 in cents: the end of the second Startup SG Equity band (1:1).</summary>
    public const long SingaporeSecondCapMinor = 800_000_000;

    /// <summary>No co-investment required (grant programmes, tests).</summary>
    public static MatchingPolicy NoMatching => new([], null);

    /// <summary>UK Future Fund: private money at least 1:1 with public money, no cap.</summary>
    public static MatchingPolicy UkFutureFund => new([new MatchingBand(null, 1, 1)], null);

    /// <summary>Israel's Yozma: public money at most 40% of the round.</summary>
    public static MatchingPolicy IsraelYozma => new([], new Ratio(2, 5));

    /// <summary>Singapore Startup SG Equity: 7:3 public:private up to the first cap, then 1:1 up to the second cap.</summary>
    public static MatchingPolicy SingaporeStartupSgEquity(
        long firstCapMinor = SingaporeFirstCapMinor,
        long secondCapMinor = SingaporeSecondCapMinor) =>
        new([new MatchingBand(firstCapMinor, 7, 3), new MatchingBand(secondCapMinor, 1, 1)], null);

    /// <summary>EIF: public money at most 50% of the round, invested pari passu with private money.</summary>
    public static MatchingPolicy Eif => new([], new Ratio(1, 2));
}

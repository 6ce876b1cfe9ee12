using StartupFund.Domain.Values;

namespace StartupFund.Domain.Matching;

/// <summary>Matching policies modelled on real public co-investment programmes.</summary>
public static class ReadyMadePolicies
{
    /// <summary>The end of the first Startup SG Equity band (7:3): S$250,000, in units of the fund's currency.</summary>
    public const long SingaporeFirstCapUnits = 250_000;

    /// <summary>The end of the second Startup SG Equity band (1:1): S$8,000,000, in units of the fund's currency.</summary>
    public const long SingaporeSecondCapUnits = 8_000_000;

    /// <summary>No co-investment required (grant programmes, tests).</summary>
    public static MatchingPolicy NoMatching => new([], null);

    /// <summary>UK Future Fund: private money at least 1:1 with public money, no cap.</summary>
    public static MatchingPolicy UkFutureFund => new([new MatchingBand(null, 1, 1)], null);

    /// <summary>Israel's Yozma: public money at most 40% of the round.</summary>
    public static MatchingPolicy IsraelYozma => new([], new Ratio(2, 5));

    /// <summary>
    /// Singapore Startup SG Equity: 7:3 public:private up to the first cap, then 1:1 up to the second. The preset's
    /// caps are the programme's S$ figures as whole units of the fund's currency: the same number of units whether
    /// the currency has 2 decimals, none (JPY) or 3 (KWD).
    /// </summary>
    public static MatchingPolicy SingaporeStartupSgEquity(Currency currency)
    {
        var minorPerUnit = Enumerable.Repeat(10L, currency.Exponent).Aggregate(1L, (product, ten) => product * ten);
        return SingaporeStartupSgEquity(SingaporeFirstCapUnits * minorPerUnit, SingaporeSecondCapUnits * minorPerUnit);
    }

    /// <summary>The Startup SG Equity bands with caps of one's own, in minor units.</summary>
    public static MatchingPolicy SingaporeStartupSgEquity(long firstCapMinor, long secondCapMinor) =>
        new([new MatchingBand(firstCapMinor, 7, 3), new MatchingBand(secondCapMinor, 1, 1)], null);

    /// <summary>EIF: public money at most 50% of the round, invested pari passu with private money.</summary>
    public static MatchingPolicy Eif => new([], new Ratio(1, 2));
}

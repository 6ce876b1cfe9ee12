using StartupFund.Domain.Common;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Tests.Matching;

/// <summary>Each ready-made policy against a worked example, with the arithmetic written out.</summary>
public class ReadyMadePolicyTests
{
    private static long Minor(string amount, string currency) => Money.Parse(amount, currency).MinorUnits;

    [Fact]
    public void Uk_Future_Fund_needs_private_money_at_least_one_for_one()
    {
        // A £500,000 convertible loan from the fund needs £500,000 of private money beside it.
        var policy = ReadyMadePolicies.UkFutureFund;
        policy.RequiredPrivateMinor(Minor("500000.00", "GBP")).ShouldBe(Minor("500000.00", "GBP"));
        policy.IsSatisfied(Minor("500000.00", "GBP"), Minor("500000.00", "GBP")).ShouldBeTrue();
        policy.IsSatisfied(Minor("500000.00", "GBP"), Minor("499999.99", "GBP")).ShouldBeFalse();
        policy.PublicCapMinor.ShouldBeNull();
    }

    [Fact]
    public void Israel_Yozma_keeps_public_money_at_most_40_percent_of_the_round()
    {
        // Public ₪4,000,000 may be at most 40% of the round: the round is at least ₪10,000,000,
        // so private money is at least ₪6,000,000 (public x 60 / 40 = public x 3 / 2).
        var policy = ReadyMadePolicies.IsraelYozma;
        policy.RequiredPrivateMinor(Minor("4000000.00", "ILS")).ShouldBe(Minor("6000000.00", "ILS"));
        policy.IsSatisfied(Minor("4000000.00", "ILS"), Minor("5999999.99", "ILS")).ShouldBeFalse();

        // One agora of public money needs 1.5 agorot of private money: rounded up to 2.
        policy.RequiredPrivateMinor(1).ShouldBe(2);
    }

    [Fact]
    public void Singapore_Startup_SG_Equity_is_7_to_3_up_to_the_first_cap_then_1_to_1_up_to_the_second()
    {
        var policy = ReadyMadePolicies.SingaporeStartupSgEquity(Currency.Sgd);

        // Within the first band: S$175,000 public at 7:3 needs S$175,000 x 3 / 7 = S$75,000 private.
        policy.RequiredPrivateMinor(Minor("175000.00", "SGD")).ShouldBe(Minor("75000.00", "SGD"));

        // Across both bands: S$1,000,000 public =
        //   first S$250,000 at 7:3 -> 25,000,000 cents x 3 / 7 = 10,714,285.71 cents, rounded up to S$107,142.86
        //   next  S$750,000 at 1:1 -> S$750,000.00
        //   private needed            S$857,142.86
        policy.RequiredPrivateMinor(Minor("1000000.00", "SGD")).ShouldBe(Minor("857142.86", "SGD"));
        policy.IsSatisfied(Minor("1000000.00", "SGD"), Minor("857142.85", "SGD")).ShouldBeFalse();

        // The second cap (S$8,000,000) is the most public money one startup can receive.
        policy.PublicCapMinor.ShouldBe(Minor("8000000.00", "SGD"));
        Should.Throw<DomainException>(() => policy.RequiredPrivateMinor(Minor("8000000.01", "SGD")))
            .Code.ShouldBe(ErrorCodes.MatchingPublicCapExceeded);
    }

    [Fact]
    public void Eif_keeps_public_money_at_most_half_of_the_round_pari_passu()
    {
        // €2,000,000 from the fund in a round needs at least €2,000,000 from private investors
        // (a €4,000,000 round at most 50% public).
        var policy = ReadyMadePolicies.Eif;
        policy.RequiredPrivateMinor(Minor("2000000.00", "EUR")).ShouldBe(Minor("2000000.00", "EUR"));
        policy.IsSatisfied(Minor("2000000.00", "EUR"), Minor("1999999.99", "EUR")).ShouldBeFalse();
    }

    [Fact]
    public void Bands_and_a_maximum_public_share_together_require_the_stricter()
    {
        // 1:1 bands alone need 100.00 for 100.00 public; a 40% share needs 150.00: 150.00 wins.
        var policy = new MatchingPolicy([new MatchingBand(null, 1, 1)], new Ratio(2, 5));
        policy.RequiredPrivateMinor(10_000).ShouldBe(15_000);

        // A 2:1 band (public:private) with a 90% share: the band needs 50.00, the share 11.12 -> 50.00.
        var lenient = new MatchingPolicy([new MatchingBand(null, 2, 1)], new Ratio(9, 10));
        lenient.RequiredPrivateMinor(10_000).ShouldBe(5_000);
    }

    [Fact]
    public void No_matching_needs_no_private_money() =>
        ReadyMadePolicies.NoMatching.RequiredPrivateMinor(Limits.AmountMaxMinor).ShouldBe(0);

    [Fact]
    public void Zero_public_money_needs_no_private_money()
    {
        ReadyMadePolicies.UkFutureFund.RequiredPrivateMinor(0).ShouldBe(0);
        ReadyMadePolicies.SingaporeStartupSgEquity(Currency.Sgd).RequiredPrivateMinor(0).ShouldBe(0);
        ReadyMadePolicies.IsraelYozma.RequiredPrivateMinor(0).ShouldBe(0);
    }

    [Fact]
    public void Every_ready_made_policy_is_valid()
    {
        ReadyMadePolicies.UkFutureFund.Validate();
        ReadyMadePolicies.IsraelYozma.Validate();
        ReadyMadePolicies.SingaporeStartupSgEquity(Currency.Sgd).Validate();
        ReadyMadePolicies.Eif.Validate();
        ReadyMadePolicies.NoMatching.Validate();
    }

    [Fact]
    public void The_singapore_preset_caps_the_same_number_of_units_whatever_the_currency_s_decimals()
    {
        string CapIn(Currency currency) =>
            new Money(ReadyMadePolicies.SingaporeStartupSgEquity(currency).PublicCapMinor!.Value, currency).ToDecimalString();

        CapIn(Currency.Eur).ShouldBe("8000000.00");
        CapIn(Currency.Jpy).ShouldBe("8000000");
        CapIn(Currency.Kwd).ShouldBe("8000000.000");
    }

    [Fact]
    public void A_maximum_public_share_has_at_most_a_thousand_parts_so_its_requirement_always_fits_in_an_amount()
    {
        // 1/(2^44+1) once wrapped the requirement for 2^20 minor units of public money (2^64) round to zero.
        Should.Throw<DomainException>(() => new MatchingPolicy([], new Ratio(1, (1L << 44) + 1)).Validate())
            .Code.ShouldBe(ErrorCodes.MatchingPolicyInvalid);
        Should.Throw<OverflowException>(() => new MatchingPolicy([], new Ratio(1, (1L << 44) + 1)).RequiredPrivateMinor(1L << 20));
        new MatchingPolicy([], new Ratio(1, 1000)).Validate();
        new MatchingPolicy([], new Ratio(1, 1000)).RequiredPrivateMinor(Limits.AmountMaxMinor).ShouldBe(Limits.AmountMaxMinor * 999);
    }
}

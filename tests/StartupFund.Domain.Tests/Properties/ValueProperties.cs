using FsCheck;
using FsCheck.Fluent;
using StartupFund.Domain.Common;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Tests.Properties;

/// <summary>Properties of the value types and of matching, over random inputs.</summary>
public class ValueProperties
{
    private const int Runs = 500;

    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(Runs).WithQuietOnSuccess(true);

    private static readonly string[] Codes = [.. Currency.AllCodes.Order(StringComparer.Ordinal)];

    private static readonly Gen<long> AnyLong =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select ((long)high << 32) | (uint)low;

    private static readonly Gen<long> Amount =
        from high in Gen.Choose(0, (int)(Limits.AmountMaxMinor >> 32))
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select Math.Min(Limits.AmountMaxMinor, ((long)high << 32) | (uint)low);

    [Fact]
    public void Formatting_then_parsing_gives_back_the_same_money_in_every_currency()
    {
        var money = from minor in AnyLong from code in Gen.Elements(Codes) select new Money(minor, new Currency(code));
        Check.One(Quick, Prop.ForAll(money.ToArbitrary(), m => Money.Parse(m.ToDecimalString(), m.Currency, allowNegative: true) == m));
    }

    [Fact]
    public void Addition_is_exact_or_a_typed_overflow_never_a_wrap()
    {
        var pairs = Gen.Zip(AnyLong, AnyLong);
        Check.One(Quick, Prop.ForAll(pairs.ToArbitrary(), pair =>
        {
            var exact = (Int128)pair.Item1 + pair.Item2;
            var left = new Money(pair.Item1, Currency.Eur);
            var right = new Money(pair.Item2, Currency.Eur);
            if (exact > long.MaxValue || exact < long.MinValue)
            {
                return Should.Throw<DomainException>(() => left + right).Code == ErrorCodes.MoneyOverflow;
            }

            return (left + right).MinorUnits == exact;
        }));
    }

    [Fact]
    public void Required_private_money_never_decreases_as_public_money_grows_and_covers_every_band()
    {
        var policies = Gen.Elements(
            ReadyMadePolicies.UkFutureFund,
            ReadyMadePolicies.IsraelYozma,
            ReadyMadePolicies.Eif,
            ReadyMadePolicies.SingaporeStartupSgEquity(Limits.AmountMaxMinor / 4, Limits.AmountMaxMinor));
        var cases = from policy in policies from a in Amount from b in Amount select (policy, Math.Min(a, b), Math.Max(a, b));
        Check.One(Quick, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (policy, smaller, larger) = c;
            var required = policy.RequiredPrivateMinor(larger);
            var shareHolds = policy.MaxPublicShare is not { } share
                || (Int128)larger * share.Denominator <= (Int128)share.Numerator * (larger + required);
            return policy.RequiredPrivateMinor(smaller) <= required && policy.IsSatisfied(larger, required) && shareHolds
                && (required == 0 || !policy.IsSatisfied(larger, required - 1));
        }));
    }
}

using System.Globalization;
using StartupFund.Domain.Common;

namespace StartupFund.Domain.Values;

/// <summary>An exact, reduced, non-negative fraction (never floating point).</summary>
public readonly record struct Ratio : IComparable<Ratio>
{
    public Ratio(long numerator, long denominator)
    {
        if (numerator < 0 || denominator <= 0)
        {
            throw Invalid(numerator, denominator);
        }

        var divisor = GreatestCommonDivisor(numerator, denominator);
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    private readonly long numerator;
    private readonly long denominator;

    /// <summary>Init-only (checked) so a serializer can rebuild a stored, already reduced ratio.</summary>
    public long Numerator
    {
        get => numerator;
        init => numerator = value >= 0 ? value : throw Invalid(value, denominator);
    }

    public long Denominator
    {
        get => denominator;
        init => denominator = value > 0 ? value : throw Invalid(numerator, value);
    }

    public static bool operator <(Ratio left, Ratio right) => left.CompareTo(right) < 0;

    public static bool operator >(Ratio left, Ratio right) => left.CompareTo(right) > 0;

    public static bool operator <=(Ratio left, Ratio right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Ratio left, Ratio right) => left.CompareTo(right) >= 0;

    public int CompareTo(Ratio other) =>
        ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    private static DomainException Invalid(long numerator, long denominator) =>
        DomainException.Invalid(ErrorCodes.RatioInvalid, $"{numerator}/{denominator} is not a non-negative fraction.");

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a == 0 ? 1 : a;
    }
}

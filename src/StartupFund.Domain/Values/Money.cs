using System.Globalization;
using System.Text;
using StartupFund.Domain.Common;

namespace StartupFund.Domain.Values;

/// <summary>
/// An exact amount: a count of minor units (cents, fils, yen) in one ISO 4217 currency.
/// Arithmetic is checked and refuses to mix currencies; nothing here is ever floating point.
/// Properties are init-only so that a plain serializer can rebuild the value (it cannot pick a
/// struct's parameterized constructor without attributes).
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>Longest decimal text accepted: a sign, 19 digits of a long, a point and spare decimals.</summary>
    public const int TextMaxLength = 40;

    private readonly Currency currency;

    public Money(long minorUnits, Currency currency)
    {
        MinorUnits = minorUnits;
        Currency = currency;
    }

    public long MinorUnits { get; init; }

    public Currency Currency
    {
        get => currency;
        init => currency = value.Code is null
            ? throw DomainException.Invalid(ErrorCodes.CurrencyUnknown, "Money needs a currency.")
            : value;
    }

    public static Money Zero(Currency currency) => new(0, currency);

    public static Money operator +(Money left, Money right) => left.Add(right);

    public static Money operator -(Money left, Money right) => left.Subtract(right);

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    /// <summary>Parses an exact decimal string such as "1250000.00" in the given currency.</summary>
    public static Money Parse(string text, string currencyCode, bool allowNegative = false) =>
        Parse(text, new Currency(currencyCode), allowNegative);

    /// <summary>
    /// Parses an exact decimal string: optional '-', digits, optionally '.' and at most
    /// <see cref="Currency.Exponent"/> decimals. No exponent, no separators, no rounding.
    /// </summary>
    public static Money Parse(string text, Currency currency, bool allowNegative = false)
    {
        if (string.IsNullOrEmpty(text) || text.Length > TextMaxLength)
        {
            throw InvalidFormat(text);
        }

        var negative = text[0] == '-';
        var body = negative ? text.AsSpan(1) : text.AsSpan();
        var point = body.IndexOf('.');
        var whole = point < 0 ? body : body[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : body[(point + 1)..];
        if (whole.IsEmpty || (point >= 0 && fraction.IsEmpty) || !AllDigits(whole) || !AllDigits(fraction))
        {
            throw InvalidFormat(text);
        }

        if (fraction.Length > currency.Exponent)
        {
            throw DomainException.Invalid(
                ErrorCodes.MoneyTooManyDecimals,
                $"'{text}' has more than {currency.Exponent} decimals for {currency.Code}.");
        }

        long minor;
        try
        {
            minor = 0;
            foreach (var digit in whole)
            {
                minor = checked((minor * 10) + (digit - '0'));
            }

            for (var index = 0; index < currency.Exponent; index++)
            {
                var digit = index < fraction.Length ? fraction[index] - '0' : 0;
                minor = checked((minor * 10) + digit);
            }
        }
        catch (OverflowException)
        {
            throw Overflow();
        }

        if (negative && minor != 0 && !allowNegative)
        {
            throw DomainException.Invalid(ErrorCodes.MoneyNegative, $"'{text}' must not be negative.");
        }

        return new Money(negative ? -minor : minor, currency);
    }

    /// <summary>Formats with exactly the currency's decimals: 1250000.00 EUR, 500 JPY, 1.250 KWD.</summary>
    public string ToDecimalString()
    {
        var exponent = Currency.Exponent;
        var magnitude = MinorUnits < 0 ? -(Int128)MinorUnits : MinorUnits;
        var digits = magnitude.ToString(CultureInfo.InvariantCulture).PadLeft(exponent + 1, '0');
        var builder = new StringBuilder(digits.Length + 2);
        if (MinorUnits < 0)
        {
            builder.Append('-');
        }

        builder.Append(digits, 0, digits.Length - exponent);
        if (exponent > 0)
        {
            builder.Append('.').Append(digits, digits.Length - exponent, exponent);
        }

        return builder.ToString();
    }

    public override string ToString() => $"{ToDecimalString()} {Currency.Code}";

    public Money Add(Money other)
    {
        RequireSameCurrency(other);
        try
        {
            return new Money(checked(MinorUnits + other.MinorUnits), Currency);
        }
        catch (OverflowException)
        {
            throw Overflow();
        }
    }

    public Money Subtract(Money other)
    {
        RequireSameCurrency(other);
        try
        {
            return new Money(checked(MinorUnits - other.MinorUnits), Currency);
        }
        catch (OverflowException)
        {
            throw Overflow();
        }
    }

    public int CompareTo(Money other)
    {
        RequireSameCurrency(other);
        return MinorUnits.CompareTo(other.MinorUnits);
    }

    /// <summary>Refuses a currency other than <paramref name="expected"/> (commands against a fund); <paramref name="field"/> is the command's path to it.</summary>
    public Money RequireCurrency(Currency expected, string field)
    {
        if (Currency != expected)
        {
            throw DomainException.Invalid(ErrorCodes.MoneyCurrencyMismatch, $"{field} is in {Currency.Code}, expected {expected.Code}, the fund's currency.", field + ".currency");
        }

        return this;
    }

    /// <summary>Requires 0 &lt; amount &lt;= <see cref="Limits.AmountMaxMinor"/>.</summary>
    public Money RequirePositive(string field)
    {
        if (MinorUnits <= 0)
        {
            throw DomainException.Invalid(ErrorCodes.MoneyNotPositive, $"{field} must be greater than zero.", field + ".amount");
        }

        if (MinorUnits > Limits.AmountMaxMinor)
        {
            throw DomainException.Invalid(ErrorCodes.MoneyAmountTooLarge, $"{field} exceeds {Limits.AmountMaxMinor} minor units.", field + ".amount");
        }

        return this;
    }

    private void RequireSameCurrency(Money other)
    {
        if (Currency != other.Currency)
        {
            throw DomainException.Invalid(ErrorCodes.MoneyCurrencyMismatch, $"Cannot combine {Currency.Code} with {other.Currency.Code}.");
        }
    }

    private static DomainException Overflow() =>
        DomainException.Invalid(ErrorCodes.MoneyOverflow, "Amount overflows 64-bit minor units.");

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var character in span)
        {
            if (character is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static DomainException InvalidFormat(string? text) =>
        DomainException.Invalid(ErrorCodes.MoneyInvalidFormat, $"'{text}' is not a decimal amount like 1250000.00.");
}

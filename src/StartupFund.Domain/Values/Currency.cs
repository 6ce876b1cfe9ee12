using StartupFund.Domain.Common;

namespace StartupFund.Domain.Values;

/// <summary>An active ISO 4217 currency and the number of decimals of its minor unit.</summary>
public readonly record struct Currency
{
    public Currency(string code)
    {
        if (code is null || !CurrencyTable.ExponentByCode.TryGetValue(code, out var exponent))
        {
            throw DomainException.Invalid(ErrorCodes.CurrencyUnknown, $"'{code}' is not an active ISO 4217 currency code.");
        }

        Code = code;
        Exponent = exponent;
    }

    public string Code { get; }

    /// <summary>Decimals of the minor unit: JPY 0, EUR 2, KWD 3, CLF 4.</summary>
    public int Exponent { get; }

    public static Currency Eur => new("EUR");

    public static Currency Gbp => new("GBP");

    public static Currency Usd => new("USD");

    public static Currency Sgd => new("SGD");

    public static Currency Ils => new("ILS");

    public static Currency Jpy => new("JPY");

    public static Currency Kwd => new("KWD");

    public static IReadOnlyCollection<string> AllCodes => CurrencyTable.ExponentByCode.Keys;

    public static bool IsActive(string code) => code is not null && CurrencyTable.ExponentByCode.ContainsKey(code);

    public override string ToString() => Code;
}

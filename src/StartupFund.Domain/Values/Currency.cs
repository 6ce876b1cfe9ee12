using StartupFund.Domain.Common;

namespace StartupFund.Domain.Values;

/// <summary>An active ISO 4217 currency and the number of decimals of its minor unit.</summary>
public readonly record struct Currency
{
    private readonly string code;

    public Currency(string code) => this.code = Validate(code);

    /// <summary>Validated on init (constructor, <c>with</c> or a serializer).</summary>
    public string Code
    {
        get => code;
        init => code = Validate(value);
    }

    /// <summary>Decimals of the minor unit: JPY 0, EUR 2, KWD 3, CLF 4.</summary>
    public int Exponent => code is null ? 0 : CurrencyTable.ExponentByCode[code];

    public static Currency Eur => new("EUR");

    public static Currency Gbp => new("GBP");

    public static Currency Usd => new("USD");

    public static Currency Sgd => new("SGD");

    public static Currency Ils => new("ILS");

    public static Currency Jpy => new("JPY");

    public static Currency Kwd => new("KWD");

    public static IReadOnlyCollection<string> AllCodes => CurrencyTable.ExponentByCode.Keys;

    public static bool IsActive(string code) => code is not null && CurrencyTable.ExponentByCode.ContainsKey(code);

    /// <summary>Money people are paid in: not a metal, a bond unit, the SDR, a testing code or a unit of account.</summary>
    public bool IsLegalTender => code is not null && !CurrencyTable.NotLegalTender.Contains(code);

    public override string ToString() => Code;

    private static string Validate(string code) =>
        code is not null && CurrencyTable.ExponentByCode.ContainsKey(code)
            ? code
            : throw DomainException.Invalid(ErrorCodes.CurrencyUnknown, $"'{code}' is not an active ISO 4217 currency code.");
}

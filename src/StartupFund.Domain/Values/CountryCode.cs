using StartupFund.Domain.Common;

namespace StartupFund.Domain.Values;

/// <summary>An officially assigned ISO 3166-1 alpha-2 country code, upper case.</summary>
public readonly record struct CountryCode
{
    public CountryCode(string value)
    {
        if (value is null || !CountryTable.Assigned.Contains(value))
        {
            throw DomainException.Invalid(ErrorCodes.CountryUnknown, $"'{value}' is not an assigned ISO 3166-1 alpha-2 code.");
        }

        Value = value;
    }

    public string Value { get; }

    public static IReadOnlyCollection<string> AllCodes => CountryTable.Assigned;

    public static bool IsAssigned(string value) => value is not null && CountryTable.Assigned.Contains(value);

    public override string ToString() => Value;
}

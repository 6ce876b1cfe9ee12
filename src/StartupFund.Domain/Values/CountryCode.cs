using StartupFund.Domain.Common;

namespace StartupFund.Domain.Values;

/// <summary>An officially assigned ISO 3166-1 alpha-2 country code, upper case.</summary>
public readonly record struct CountryCode
{
    private readonly string value;

    public CountryCode(string value) => this.value = Validate(value);

    /// <summary>Validated on init (constructor, <c>with</c> or a serializer).</summary>
    public string Value
    {
        get => value;
        init => this.value = Validate(value);
    }

    public static IReadOnlyCollection<string> AllCodes => CountryTable.Assigned;

    public static bool IsAssigned(string value) => value is not null && CountryTable.Assigned.Contains(value);

    public override string ToString() => Value;

    private static string Validate(string value) =>
        value is not null && CountryTable.Assigned.Contains(value)
            ? value
            : throw DomainException.Invalid(ErrorCodes.CountryUnknown, value is not null && CountryTable.Assigned.Contains(value.ToUpperInvariant())
                ? $"'{value}' is not an ISO 3166-1 alpha-2 code as written: codes are in capitals, '{value.ToUpperInvariant()}'."
                : $"'{value}' is not an assigned ISO 3166-1 alpha-2 code.");
}

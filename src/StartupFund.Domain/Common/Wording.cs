using System.Globalization;

namespace StartupFund.Domain.Common;

/// <summary>How error texts print what users see elsewhere: statuses as the API spells them, counts with the right noun.</summary>
public static class Wording
{
    /// <summary>An enum value as the JSON API spells it (camelCase): "underReview", not "UnderReview".</summary>
    public static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => Camel(value.ToString());

    /// <summary>Every value of <typeparamref name="TEnum"/> but None, as the JSON API spells them, comma-separated.</summary>
    public static string WireChoices<TEnum>() where TEnum : struct, Enum => WireChoices(typeof(TEnum));

    /// <summary>Every value of the enum type <paramref name="enumType"/> but None, as the JSON API spells them, comma-separated.</summary>
    public static string WireChoices(Type enumType) => string.Join(", ", WireNames(enumType));

    /// <summary>Every value of the enum type <paramref name="enumType"/> but None, as the JSON API spells them.</summary>
    public static IEnumerable<string> WireNames(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return Enum.GetNames(enumType).Where(n => n != "None").Select(Camel);
    }

    /// <summary>
    /// The member of <typeparamref name="TEnum"/> a client named: exactly one member's name, in any
    /// case, never None. Unlike <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> it refuses
    /// numbers, surrounding spaces and comma-separated lists (which it would combine as flags into
    /// another member).
    /// </summary>
    public static bool TryParseWire<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var (member, name) in Members<TEnum>.All)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = member;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>"UnderReview" becomes "underReview"; what is not PascalCase stays as it is.</summary>
    public static string Camel(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length == 0 || !char.IsAsciiLetterUpper(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>"1 reviewer score", "2 reviewer scores": <paramref name="one"/> for exactly one, else <paramref name="many"/>.</summary>
    public static string Count(int count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    private static class Members<TEnum> where TEnum : struct, Enum
    {
        public static readonly (TEnum Member, string Name)[] All =
            [.. Enum.GetValues<TEnum>().Select(m => (m, m.ToString())).Where(m => m.Item2 != "None")];
    }
}

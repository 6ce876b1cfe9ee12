using System.Text.RegularExpressions;

namespace StartupFund.EventStore.Schema;

/// <summary>A validated PostgreSQL schema name, safe to splice into SQL (lower-case identifier).</summary>
public sealed partial record SchemaName
{
    public const int MaxLength = 63;

    public SchemaName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IdentifierPattern().IsMatch(value))
        {
            throw new ArgumentException(
                $"Schema name '{value}' is not valid: use 1-{MaxLength} characters, lower-case letters, digits and underscores, starting with a letter or underscore.",
                nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    /// <summary>The name quoted for SQL.</summary>
    public string Quoted => $"\"{Value}\"";

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}

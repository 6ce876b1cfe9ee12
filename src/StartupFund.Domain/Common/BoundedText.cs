namespace StartupFund.Domain.Common;

/// <summary>Validates free text against an explicit maximum length and the characters a ledger can keep.</summary>
public static class BoundedText
{
    /// <summary>Requires a non-blank text of at most <paramref name="maxLength"/> characters; returns it trimmed.</summary>
    public static string Required(string? value, int maxLength, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DomainException.Invalid(ErrorCodes.TextRequired, $"{field} is required.");
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw DomainException.Invalid(ErrorCodes.TextTooLong, $"{field} is longer than {maxLength} characters.");
        }

        // PostgreSQL's text and jsonb cannot hold U+0000; an event carrying one could never be stored.
        if (trimmed.Contains('\0', StringComparison.Ordinal))
        {
            throw DomainException.Invalid(ErrorCodes.TextInvalidCharacter, $"{field} contains a NUL character.");
        }

        return trimmed;
    }

    /// <summary>Like <see cref="Required"/> but an absent or blank text becomes the empty string.</summary>
    public static string Optional(string? value, int maxLength, string field) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : Required(value, maxLength, field);
}

namespace StartupFund.Domain.Common;

/// <summary>Validates free text against an explicit maximum length.</summary>
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

        return trimmed;
    }

    /// <summary>Like <see cref="Required"/> but an absent or blank text becomes the empty string.</summary>
    public static string Optional(string? value, int maxLength, string field) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : Required(value, maxLength, field);
}

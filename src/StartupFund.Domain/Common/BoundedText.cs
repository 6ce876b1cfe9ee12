using System.Buffers;
using System.Globalization;
using System.Text;

namespace StartupFund.Domain.Common;

/// <summary>
/// Validates free text against an explicit maximum length and the characters a ledger can keep. Text
/// lands in events that regulators read years later, so it must show what is stored: no control
/// characters but line breaks and tabs, no bidirectional overrides (which can make a stored text read
/// differently on screen), and at least one visible character.
/// </summary>
public static class BoundedText
{
    /// <summary>
    /// Requires a text with a visible character and at most <paramref name="maxLength"/> characters (Unicode
    /// code points, as JSON Schema's maxLength counts them) once trimmed; returns it trimmed.
    /// </summary>
    public static string Required(string? value, int maxLength, string field) => Validate(value, maxLength, field, required: true);

    /// <summary>Like <see cref="Required"/> but an absent or blank text becomes the empty string.</summary>
    public static string Optional(string? value, int maxLength, string field) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : Validate(value, maxLength, field, required: false);

    private static string Validate(string? value, int maxLength, string field, bool required)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw DomainException.Invalid(ErrorCodes.TextRequired, $"{field} is required.");
        }

        var characters = 0;
        var visible = false;
        var rest = trimmed.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                throw DomainException.Invalid(ErrorCodes.TextInvalidCharacter, $"{field} contains a lone UTF-16 surrogate, which is not a character.");
            }

            Refuse(rune, field);
            visible |= IsVisible(rune);
            characters++;
            rest = rest[consumed..];
        }

        if (!visible)
        {
            throw required
                ? DomainException.Invalid(ErrorCodes.TextRequired, $"{field} is required: it has only invisible characters.")
                : DomainException.Invalid(ErrorCodes.TextInvalidCharacter, $"{field} has only invisible characters: leave it out or write it.");
        }

        return characters <= maxLength
            ? trimmed
            : throw DomainException.Invalid(ErrorCodes.TextTooLong, $"{field} is longer than {maxLength} characters.");
    }

    private static void Refuse(Rune rune, string field)
    {
        // PostgreSQL's text and jsonb cannot hold U+0000; an event carrying one could never be stored.
        if (rune.Value == 0)
        {
            throw DomainException.Invalid(ErrorCodes.TextInvalidCharacter, $"{field} contains a NUL character.");
        }

        if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control && rune.Value is not ('\t' or '\n' or '\r'))
        {
            throw DomainException.Invalid(ErrorCodes.TextInvalidCharacter, $"{field} contains the control character U+{rune.Value:X4}.");
        }

        if (rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069))
        {
            throw DomainException.Invalid(ErrorCodes.TextInvalidCharacter,
                $"{field} contains the bidirectional control U+{rune.Value:X4}, which makes text display differently from how it is stored.");
        }
    }

    private static bool IsVisible(Rune rune) =>
        !Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.Control);
}

using StartupFund.Domain.Common;

namespace StartupFund.Domain.Values;

/// <summary>
/// Shared validation of typed ids: 1 to 64 characters of [A-Za-z0-9._-], not only dots (a URL path reads "." and ".."
/// as "here" and "up", so such an id could be created but never addressed again).
/// </summary>
public static class Identifier
{
    /// <param name="kind">What the id names, to begin the message: "A fund id".</param>
    public static string Validate(string? value, string kind)
    {
        if (!IsValid(value))
        {
            throw DomainException.Invalid(
                ErrorCodes.IdInvalid,
                $"{kind} must be 1 to {Limits.IdMaxLength} characters of letters, digits, '.', '_' or '-', and not dots alone.");
        }

        return value;
    }

    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= Limits.IdMaxLength && value.All(IsAllowed) && !value.All(c => c == '.');

    private static bool IsAllowed(char character) =>
        char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or '-';
}

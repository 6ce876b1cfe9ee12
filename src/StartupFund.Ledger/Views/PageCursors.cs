using System.Buffers.Text;
using System.Text;
using StartupFund.Ledger.Pipeline;

namespace StartupFund.Ledger.Views;

/// <summary>The lists that page with a cursor. A cursor names its list, so another list refuses it.</summary>
public enum CursorList
{
    Funds,
    Applications,
    Portfolio,
    Journal,
}

/// <summary>
/// Opaque page cursors: "sf2:{list}[{scope}]:{key}" in base64url, the key being the last item's id or journal
/// position, the scope what the list was narrowed to (its fund, country, status, owner). The mark refuses a
/// made-up cursor rather than reading it as a position, and the list a cursor of another list or of the same list
/// narrowed otherwise (another fund's journal), whose key would silently skip items here.
/// </summary>
internal static class PageCursors
{
    /// <summary>Room for the longest scope (a fund id, a country, a status and an owner's id) and key.</summary>
    public const int MaxLength = 400;

    public static string Encode(CursorList list, string scope, string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Mark(list, scope) + key));

    /// <summary>A list's scope from the filters that narrow it, in a fixed order ("" for a filter not given).</summary>
    public static string Scope(params string?[] filters) => string.Join('|', filters.Select(filter => filter ?? ""));

    /// <summary>The key a page starts after; null for the first page (no cursor).</summary>
    public static string? Decode(string? cursor, CursorList list, string scope)
    {
        if (cursor is null)
        {
            return null;
        }

        var text = Text(cursor);
        var mark = Mark(list, scope);
        if (text.StartsWith(mark, StringComparison.Ordinal) && text.Length > mark.Length)
        {
            return text[mark.Length..];
        }

        throw text.StartsWith("sf2:", StringComparison.Ordinal)
            ? new QueryException(LedgerErrorCodes.CursorInvalid, "cursor", "The cursor belongs to another list, or to this list with other filters: start this list without one.")
            : Invalid();
    }

    private static string Mark(CursorList list, string scope) => $"sf2:{list.ToString().ToLowerInvariant()}[{scope}]:";

    private static string Text(string cursor)
    {
        if (cursor.Length is 0 or > MaxLength)
        {
            throw Invalid();
        }

        try
        {
            // Keys are ids and positions: printable ASCII. Anything else is made up, and a NUL would reach PostgreSQL.
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.All(c => c is > ' ' and <= '~') ? text : throw Invalid();
        }
        catch (FormatException)
        {
            throw Invalid();
        }
    }

    public static QueryException Invalid() => new(LedgerErrorCodes.CursorInvalid, "cursor", "The cursor is not one this API returned.");
}

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
/// Opaque page cursors: "sf2:{list}:{key}" in base64url, the key being the last item's id or journal
/// position. The mark refuses a made-up cursor rather than reading it as a position, and the list a
/// cursor of another list, whose key would mean nothing here.
/// </summary>
internal static class PageCursors
{
    public static string Encode(CursorList list, string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Mark(list) + key));

    /// <summary>The key a page starts after; null for the first page (no cursor).</summary>
    public static string? Decode(string? cursor, CursorList list)
    {
        if (cursor is null)
        {
            return null;
        }

        var text = Text(cursor);
        var mark = Mark(list);
        if (text.StartsWith(mark, StringComparison.Ordinal) && text.Length > mark.Length)
        {
            return text[mark.Length..];
        }

        throw text.StartsWith("sf2:", StringComparison.Ordinal)
            ? new QueryException(LedgerErrorCodes.CursorInvalid, "cursor", "The cursor belongs to another list: start this list without one.")
            : Invalid();
    }

    private static string Mark(CursorList list) => $"sf2:{list.ToString().ToLowerInvariant()}:";

    private static string Text(string cursor)
    {
        if (cursor.Length is 0 or > 200)
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

using System.Text;
using System.Text.Json;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>
/// The raw JSON fragments and header values the fuzzer puts where a request expects something sane.
/// Fragments are bytes, so they can be invalid UTF-8 on purpose.
/// </summary>
public static class HostileValues
{
    public static IReadOnlyList<byte[]> HugeNumbers { get; } = Raw(
        "1e400", "-1e400", "123456789012345678901234567890", "-9223372036854775809", "9223372036854775808",
        "1.7976931348623157e309", "0.0000000000000000000000000001", "-0", "1E+2", "4.9e-325", "2147483648", "-2147483649");

    /// <summary>Negative, fractional, oversized and oddly written minor units, as strings and as bare numbers.</summary>
    public static IReadOnlyList<byte[]> Amounts { get; } = [.. Strings(
        "-1.00", "-0.01", "0.001", "1.005", "0.5", "1.2345", "00001.00", "1.", ".5", "1e3", "1E-2", "+1.00", " 1.00", "1.00 ",
        "\u0661\u0662\u0663", "\uff11\uff12\uff13", "0x1F", "NaN", "Infinity", "-Infinity", "99999999999999999999999999.99",
        "1000000000000000.01", "9223372036854775807", "-0.00", "0.00", "0", "1,000.00", "1_000", "", "-", ".", "1..0", "--1", "1.0.0"),
        .. Raw("1.5", "-1", "100", "1e20", "-0.01")];

    public static IReadOnlyList<byte[]> Unicode { get; } = [.. Raw(
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\"", "\"\\udfff\\ud800\"", "\"x\\ud83d\"", "\"\\u202eabc\"",
        "\"\\u200b\"", "\"\\ufeff\"", "\"\\uffff\"", "\"\\ufffe\"", "\"\\u0085\"", "\"\\u2028\""),
        .. Strings("\U0001F469\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466", "e" + string.Concat(Enumerable.Repeat("\u0301", 500)),
            "\U0001D54F\U0001D550", "\u01C5", "\u0130\u0131", "\u00A0", "\u0000\u0000\u0000"),
        // invalid UTF-8: a lone byte, an overlong NUL, an encoded lone surrogate, beyond U+10FFFF, a truncated sequence
        [0x22, 0xFF, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22]];

    public static IReadOnlyList<byte[]> SqlLooking { get; } = Strings(
        "'; drop table eventstore.events; --", "\" or \"1\"=\"1", "1; select pg_sleep(10)", "$$; delete from ledger.idempotency; $$",
        "' union select key from ledger.idempotency --", "%' or 1=1 --", "\\'; truncate eventstore.streams cascade; --",
        "Robert'); DROP TABLE students;--", "{\"$ne\": null}", "$1", "E'\\\\x00'", "fz-de' --", "fz-de\"; --");

    public static IReadOnlyList<byte[]> WrongTypes { get; } = Raw(
        "null", "true", "false", "[]", "{}", "0", "\"\"", "[1,2,3]", "{\"amount\":{}}", "\"true\"", "[null]", "{\"\":\"\"}");

    /// <summary>Codes and identifiers the domain must refuse: currencies, countries, dates, enums, ids.</summary>
    public static IReadOnlyList<byte[]> Codes { get; } = Strings(
        "eur", "XXX", "EURO", "\u20ac", "XTS", "XX", "de", "D", "\U0001F1E9\U0001F1EA", "2026-02-30", "0000-00-00", "9999-12-31",
        "2026-13-01", "yesterday", "2026-05-01T00:00:00Z", "-2026-01-01", "+275760-09-13", "SEED", "seed ", "Government", "government\u0000",
        "../../etc/passwd", "a b", new string('a', 65), "id\u0000", "\u0438\u0434", "fz-de", "fz-active", "gov");

    /// <summary>Raw text for form fields (not JSON): control characters, line breaks, bidi overrides, ways out of the app.</summary>
    public static IReadOnlyList<byte[]> FormTexts { get; } = [.. new[]
    {
        "\r\nX-Evil: 1", "\t", "\0", "\u202e", "\u00e9", "/../../x", "//evil.example", "\\evil", "%", "%%", "%zz", "?a=b&c", "#frag",
        "\u0085", "\u2028", new string('x', 3000), "https://evil.example", "javascript:alert(1)",
    }.Select(System.Text.Encoding.UTF8.GetBytes)];

    public static IReadOnlyList<byte[]> LongStrings { get; } = Strings(
        new string('x', 1001), new string('x', 4001), new string('x', 20_000), new string('y', 60_000), string.Concat(Enumerable.Repeat("\u00e9", 30_000)));

    public static IReadOnlyList<string?> ContentTypes { get; } =
    [
        null, "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
        "application/json; charset=latin1", "application/jsonx", "*/*", "application/merge-patch+json", "APPLICATION/JSON",
        "json", "application/json, text/plain", "text/json", "application/json; charset=utf-32",
    ];

    public static IReadOnlyList<string> IdempotencyKeys { get; } =
        ["", " ", new string('k', 201), "\u043a\u043b\u044e\u0447", "a\tb", new string('k', 5000), "'; drop table ledger.idempotency; --", "\u00ff\u00fe"];

    public static IReadOnlyList<string> IfMatches { get; } =
        ["\"abc\"", "W/\"-1\"", "\"99999999999999999999\"", "\"0\"", "*", "\"1\", \"2\"", "\"\"", "-1", "\"1e3\"", "\"\u0661\"", "W/"];

    /// <summary>Path segments where an id belongs: escapes, traversal, NUL, invalid UTF-8, SQL, very long.</summary>
    public static IReadOnlyList<string> PathSegments { get; } =
    [
        "%00", "..%2F..%2Fetc%2Fpasswd", "a'%20or%201%3D1--", new string('a', 2000), "%F0%9F%92%A5", "%ED%A0%80", "%C0%80", "%FF",
        "%25", "fz-de%20", "FZ-DE", "a%2Fb", "%E2%80%AE", "%3Cscript%3E", "%22%3B%20drop%20table%20eventstore.events%3B--",
    ];

    public static IReadOnlyList<string> TrancheNumbers { get; } = ["0", "-1", "2", "13", "99999999999999999999", "1.5", "one", "%31", "2147483648"];

    private static byte[][] Raw(params string[] json) => [.. json.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Each text as a JSON string literal (escaped by the serializer where JSON requires it).</summary>
    private static byte[][] Strings(params string[] texts) => [.. texts.Select(t => JsonSerializer.SerializeToUtf8Bytes(t))];
}

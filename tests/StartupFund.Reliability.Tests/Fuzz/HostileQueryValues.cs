using System.Text.Json;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>
/// What the fuzzer puts in a query string where a request expects something sane, written as it goes
/// on the wire (ASCII, already percent-encoded where meant), so stray and broken escapes stay broken.
/// </summary>
public static class HostileQueryValues
{
    public static IReadOnlyList<string?> Empty { get; } = ["", null, "%20", "+", "%09", "%00"];

    public static IReadOnlyList<string> LongValues { get; } =
        [new string('x', 1_000), new string('x', 7_000), new string('x', 10_000), Repeat("%C3%A9", 1_300), Repeat("%00", 2_000)];

    /// <summary>NUL, invalid UTF-8 (a lone byte, an overlong NUL, an encoded surrogate, beyond U+10FFFF, truncated), stray and broken escapes, escaped separators.</summary>
    public static IReadOnlyList<string> Escapes { get; } =
    [
        "%00", "a%00b", "DE%00", "%FF", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%E2%82", "%FE%FF", "%", "%%", "%zz", "%2", "%u0041",
        "%0D%0AX-Evil:%201", "%0A", "%7F", "%25", "%2525", "%26limit%3D1", "a&b", "=", "==", ";", "%23", "%3F", "..%2F..%2F",
    ];

    /// <summary>RTL override, zero-width and BOM, emoji, full-width and Arabic-Indic letters and digits, combining marks, line separators.</summary>
    public static IReadOnlyList<string> Unicode { get; } = Escaped(
        "\u202eED", "D\u200bE", "\u200b", "\ufeffDE", "\U0001F4A5", "\U0001F469\u200D\U0001F469\u200D\U0001F467", "\uff24\uff25",
        "\u0661\u0662", "\uff11\uff12", "e\u0301\u0301\u0301", "\u0130", "\U0001D54F", "\u2028", "\u0085", "\u00a0", "\uffff");

    /// <summary>The SQL-looking strings of the bodies (<see cref="HostileValues.SqlLooking"/>), percent-encoded.</summary>
    public static IReadOnlyList<string> SqlLooking { get; } = Escaped([.. HostileValues.SqlLooking.Select(json => JsonSerializer.Deserialize<string>(json)!)]);

    /// <summary>Page sizes and other integers: negative, zero, out of range, beyond int32 and int64, fractional, exponents, other digits.</summary>
    public static IReadOnlyList<string> Numbers { get; } =
    [
        "-1", "0", "-0", "201", "1001", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "1.5", "0.5", "1.0", "1e2", "1E3",
        "1e400", "0x10", "+5", "%2B5", "%205", "5%20", "00005", "5,0", "1_0", "NaN", "Infinity", "true", "%D9%A1%D9%A2", "%EF%BC%95", "%E0%A5%A8",
    ];

    /// <summary>Instants far away, malformed, without or with offsets, in other notations.</summary>
    public static IReadOnlyList<string> Instants { get; } =
    [
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "%2B275760-09-13T00:00:00Z",
        "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:60Z", "2026-01-01", "2026-01-01T00:00:00",
        "2026-01-01T00:00:00%2B02:00", "2026-01-01T00:00:00+02:00", "2026-01-01T00:00:00-05:00", "2026-01-01T00:00:00.123456789Z",
        "2026-01-01T00:00:00.1234567891Z", "now", "yesterday", "1735689600", "2026-W01-1", "P1D", "2026-01-01T00:00:00z",
        "2026-01-01t00:00:00Z", "2026-01-01%2000:00:00Z", "2026-1-1T0:0:0Z", "%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-01-01T00:00:00Z",
    ];

    public static IReadOnlyList<string> Statuses { get; } =
    [
        "unknown", "none", "submitted,active", "%20active", "active%20", "1", "-1", "under_review", "under-review", "withdrawn%00", "null",
        "__proto__", "active%E2%80%8B", "%D9%A1", "Approved;", "%C0%80",
    ];

    /// <summary>Lower-case, 3-letter, numeric, unknown and decorated countries, and one out of the callers' scope.</summary>
    public static IReadOnlyList<string> Countries { get; } =
    [
        "de", "De", "DEU", "GER", "D", "XX", "ZZ", "276", "DE,FR", "DE%20", "%20DE", "D%00", "%EF%BC%A4%EF%BC%A5", "%F0%9F%87%A9%F0%9F%87%AA",
        "%C4%B0T", "FR",
    ];

    public static IReadOnlyList<string> Digests { get; } =
    [
        "1:" + new string('0', 63), "1:" + new string('g', 64), "-1:" + new string('0', 64), "99999999999999999999:" + new string('0', 64),
        "0:" + new string('0', 64), "1:" + new string('A', 64), ":", "1", "1:", "1::", "1:" + new string('0', 128), "%31:" + new string('0', 64),
    ];

    public static IReadOnlyList<string> StreamIds { get; } =
    [
        "fund:", ":", "fund:FZ-DE", "nope:x", "fund:fz-de:x", "application:" + new string('a', 300), "fund%3Afz-de", "FUND:fz-de",
        "fund:fz-de%00", "country:DE", "fund:..%2F..", "fund", "application:fz-active-g0%20",
    ];

    public static IReadOnlyList<string> EventTypes { get; } =
        ["unknown-type", "CAPITAL-RECEIVED", "CapitalReceived", "capital-received,funds-disbursed", "capital_received", "%20capital-received", "StartupFund.Domain.Funds.CapitalReceived"];

    /// <summary>Ids where a fund, an application, an actor or a correlation id belongs.</summary>
    public static IReadOnlyList<string> Ids { get; } =
        ["FZ-DE", "fz-de%20", "fz-de%00", "..%2F..", new string('a', 300), "%2A", "*", "%25", "fz-pending-g0", "fz-de'%20--", "%5B%5D"];

    /// <summary>Whole parameters no endpoint (or not this one) takes, some looking like one it does.</summary>
    public static IReadOnlyList<string> UnknownParameters { get; } =
    [
        "foo=1", "LIMIT=1", "Limit=2", "asof=2026-01-01T00:00:00Z", "asOf=2026-01-01T00:00:00Z", "limit%00=1", "%FF=1", "=1", "&&&", "limit[]=1",
        "a[b]=1", "__proto__=1", "callback=alert", "%24filter=1", "limit%3D1", "cursor", ";limit=1", "fundId=fz-de", "country=DE&country=",
    ];

    /// <summary>Where a cursor belongs: garbage, and the real cursors of the endpoints cut short, spoiled, re-cased or swapped between endpoints.</summary>
    public static IReadOnlyList<string> Cursors(string? own, IEnumerable<string> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var garbage = new[]
        {
            "AAAA", "====", "!!!!", "null", "0", "-1", Uri.EscapeDataString(Convert.ToBase64String("{\"p\":-1}"u8)), new string('A', 5_000), "eyJ",
            "%2B%2F%3D", Uri.EscapeDataString(Convert.ToBase64String(new byte[64])), "%FF%FE",
        };
        var spoiled = new[] { own }.Concat(others).OfType<string>().Where(c => c.Length > 1).SelectMany(c => new[]
        {
            c[..(c.Length / 2)], c[..^1], c + "A", c + "==", (c[0] == 'A' ? "B" : "A") + c[1..], c.ToUpperInvariant(), string.Concat(Enumerable.Reverse(c)),
            c.Replace('-', '+').Replace('_', '/'), c,
        });
        return [.. garbage, .. spoiled.Select(Uri.EscapeDataString)];
    }

    /// <summary>The values meant for a parameter of this name or type; the escapes for any other.</summary>
    public static IReadOnlyList<string> For(GetParameter parameter, IReadOnlyList<string> cursors)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Name switch
        {
            "cursor" => cursors,
            "asOf" or "recordedFrom" or "recordedTo" => Instants,
            "status" => Statuses,
            "country" => Countries,
            "digest" => Digests,
            "stream" or "streamId" => StreamIds,
            "type" => EventTypes,
            "fundId" or "fund" or "applicationId" or "actor" or "correlationId" => Ids,
            _ when parameter.Type is "integer" or "number" => Numbers,
            _ => Escapes,
        };
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static string[] Escaped(params string[] texts) => [.. texts.Select(Uri.EscapeDataString)];
}

using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace StartupFund.EventStore.Audit;

/// <summary>
/// The export format, JSON Lines: a header line, one line per event in log order, one line per
/// stream with its head (version and hash), and a closing digest line. Every line has a "kind".
/// </summary>
public static class ExportFile
{
    public const string Format = "startupfund-events";
    /// <summary>
    /// 2 since 2026-11-23: a stream's first event chains to the stream's identity. Files of version 1 chain it to
    /// 32 zero bytes; they still verify (an auditor's archive stays checkable) but are not imported.
    /// </summary>
    public const int FormatVersion = 2;

    /// <summary>A line longer than this is refused when reading: no event of ours comes near it.</summary>
    public const int MaxLineLength = 4 * 1024 * 1024;

    internal static void WriteHeader(Utf8JsonWriter writer, string scope, Instant exportedAt)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "header");
        writer.WriteString("format", Format);
        writer.WriteNumber("formatVersion", FormatVersion);
        writer.WriteString("scope", scope);
        writer.WriteString("exportedAt", InstantPattern.ExtendedIso.Format(exportedAt));
        writer.WriteEndObject();
    }

    internal static void WriteEvent(Utf8JsonWriter writer, ExportedEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "event");
        writer.WriteNumber("position", e.Position);
        writer.WriteNumber("txId", e.TxId);
        writer.WriteString("eventId", e.EventId);
        writer.WriteString("streamId", e.StreamId);
        writer.WriteString("streamType", e.StreamType);
        if (e.Country is null)
        {
            writer.WriteNull("country");
        }
        else
        {
            writer.WriteString("country", e.Country);
        }

        writer.WriteNumber("version", e.Version);
        writer.WriteString("type", e.Type);
        writer.WritePropertyName("data");
        e.Data.WriteTo(writer);
        writer.WritePropertyName("metadata");
        e.Metadata.WriteTo(writer);
        writer.WriteString("recordedAt", InstantPattern.ExtendedIso.Format(e.RecordedAt));
        writer.WriteString("hash", e.Hash);
        writer.WriteEndObject();
    }

    internal static void WriteStream(Utf8JsonWriter writer, StreamHead head)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "stream");
        writer.WriteString("id", head.StreamId);
        writer.WriteNumber("version", head.Version);
        writer.WriteString("head", head.Hash);
        writer.WriteBoolean("archived", head.Archived);
        writer.WriteEndObject();
    }

    internal static void WriteDigest(Utf8JsonWriter writer, LogDigest digest)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "digest");
        writer.WriteNumber("events", digest.Events);
        writer.WriteString("coveredUpTo", digest.CoveredUpTo.ToString());
        writer.WriteString("sha256", digest.Sha256);
        writer.WriteEndObject();
    }

    /// <summary>Reads the lines of an export, each parsed; a line that is not JSON becomes <see cref="ExportLine.Malformed"/>.</summary>
    public static async IAsyncEnumerable<ExportLine> ReadAsync(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var number = 0;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } text)
        {
            number++;
            yield return ExportLine.Parse(number, text);
        }
    }

    /// <summary>When the export says it was written (its header's <c>exportedAt</c>); null if the first line is no readable header.</summary>
    public static async Task<Instant?> ReadExportedAtAsync(TextReader reader)
    {
        await foreach (var line in ReadAsync(reader).ConfigureAwait(false))
        {
            return line.Kind == "header" && line.Json.TryGetProperty("exportedAt", out var at) && at.ValueKind == JsonValueKind.String
                && InstantPattern.ExtendedIso.Parse(at.GetString()!) is { Success: true } parsed
                ? parsed.Value
                : null;
        }

        return null;
    }

    internal static ExportedEvent ReadEvent(JsonElement line)
    {
        var country = line.GetProperty("country");
        var recordedAt = InstantPattern.ExtendedIso.Parse(line.GetProperty("recordedAt").GetString()!);
        return new ExportedEvent(
            line.GetProperty("position").GetInt64(),
            line.GetProperty("txId").GetUInt64(),
            line.GetProperty("eventId").GetGuid(),
            RequiredString(line, "streamId"),
            RequiredString(line, "streamType"),
            country.ValueKind == JsonValueKind.Null ? null : country.GetString(),
            line.GetProperty("version").GetInt64(),
            RequiredString(line, "type"),
            line.GetProperty("data").Clone(),
            line.GetProperty("metadata").Clone(),
            recordedAt.Success ? recordedAt.Value : throw new FormatException($"recordedAt is not an ISO instant: {recordedAt.Exception.Message}"),
            RequiredString(line, "hash"));
    }

    internal static LogDigest ReadDigest(JsonElement line)
    {
        var cursorText = RequiredString(line, "coveredUpTo");
        var parts = cursorText.Split(':');
        if (parts.Length != 2)
        {
            throw new FormatException($"coveredUpTo '{cursorText}' is not 'txId:position'.");
        }

        var cursor = new LogCursor(ulong.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        return new LogDigest(line.GetProperty("events").GetInt64(), cursor, RequiredString(line, "sha256"));
    }

    internal static string RequiredString(JsonElement line, string name) =>
        line.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' must be a string.");

    internal static async Task WriteLineAsync(Stream output, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        buffer.WriteByte((byte)'\n');
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A stream's tip as exported: its last version and hash.</summary>
public sealed record StreamHead(string StreamId, long Version, string Hash, bool Archived);

/// <summary>One line of an export file: its number, its kind and its parsed JSON (or why it could not be parsed).</summary>
public sealed record ExportLine(int Number, string Kind, JsonElement Json, string? Error)
{
    public const string Malformed = "malformed";

    public static ExportLine Parse(int number, string text)
    {
        if (text.Length > ExportFile.MaxLineLength)
        {
            return new ExportLine(number, Malformed, default, $"line is longer than {ExportFile.MaxLineLength} characters");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var kind = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String
                ? k.GetString()!
                : Malformed;
            return new ExportLine(number, kind, root.Clone(), kind == Malformed ? "line has no \"kind\"" : null);
        }
        catch (JsonException e)
        {
            return new ExportLine(number, Malformed, default, $"not JSON: {e.Message}");
        }
    }
}

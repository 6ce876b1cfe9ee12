using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StartupFund.EventStore.Serialization;

/// <summary>
/// One byte form for every JSON value, whatever its spelling, so a hash computed before PostgreSQL
/// stores a document as jsonb can be recomputed from jsonb's own output: object keys sorted by
/// ordinal (a repeated key keeps its last value, as jsonb does), no white space, strings escaped
/// minimally, and numbers written as their exact decimal value without exponent or trailing zeros.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Limits the exponent of a number so a tiny document cannot expand into a huge one.</summary>
    public const int MaxNumberExponent = 1000;

    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        using var document = JsonDocument.ParseValue(ref reader);
        return Canonicalize(document.RootElement);
    }

    public static byte[] Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Canonicalize(document.RootElement);
    }

    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(element, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(JsonElement element, ArrayBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output);
                break;
            case JsonValueKind.Array:
                Append(output, "["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        Append(output, ","u8);
                    }

                    first = false;
                    Write(item, output);
                }

                Append(output, "]"u8);
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                Append(output, Encoding.ASCII.GetBytes(CanonicalNumber(element.GetRawText())));
                break;
            case JsonValueKind.True:
                Append(output, "true"u8);
                break;
            case JsonValueKind.False:
                Append(output, "false"u8);
                break;
            case JsonValueKind.Null:
                Append(output, "null"u8);
                break;
            default:
                throw new JsonException($"Unexpected JSON value kind {element.ValueKind}.");
        }
    }

    private static void WriteObject(JsonElement element, ArrayBufferWriter<byte> output)
    {
        var properties = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            properties[property.Name] = property.Value;
        }

        Append(output, "{"u8);
        var first = true;
        foreach (var (name, value) in properties)
        {
            if (!first)
            {
                Append(output, ","u8);
            }

            first = false;
            WriteString(name, output);
            Append(output, ":"u8);
            Write(value, output);
        }

        Append(output, "}"u8);
    }

    private static void WriteString(string value, ArrayBufferWriter<byte> output)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        Append(output, Encoding.UTF8.GetBytes(builder.ToString()));
    }

    /// <summary>The exact decimal value of a JSON number: "1.50" -> "1.5", "1.5e2" -> "150", "-0.0" -> "0".</summary>
    internal static string CanonicalNumber(string raw)
    {
        var negative = raw.StartsWith('-');
        var body = negative ? raw[1..] : raw;
        var exponent = 0;
        var exponentAt = body.IndexOfAny(['e', 'E']);
        if (exponentAt >= 0)
        {
            if (!int.TryParse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || Math.Abs(exponent) > MaxNumberExponent)
            {
                throw new JsonException($"Number '{raw}' has an exponent beyond ±{MaxNumberExponent}.");
            }

            body = body[..exponentAt];
        }

        var pointAt = body.IndexOf('.', StringComparison.Ordinal);
        var allDigits = pointAt >= 0 ? body.Remove(pointAt, 1) : body;
        var significant = allDigits.TrimStart('0');
        // how many digits stand before the decimal point once leading zeros are gone
        var pointPosition = (pointAt >= 0 ? pointAt : body.Length) + exponent - (allDigits.Length - significant.Length);
        var digits = significant.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        string result;
        if (pointPosition <= 0)
        {
            result = "0." + new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            result = digits + new string('0', pointPosition - digits.Length);
        }
        else
        {
            result = digits[..pointPosition] + "." + digits[pointPosition..];
        }

        return negative ? "-" + result : result;
    }

    private static void Append(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);
}

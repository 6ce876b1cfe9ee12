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
                output.Write("["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Write(","u8);
                    }

                    first = false;
                    Write(item, output);
                }

                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                WriteAscii(CanonicalNumber(element.GetRawText()), output);
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            case JsonValueKind.Null:
                output.Write("null"u8);
                break;
            default:
                throw new JsonException($"Unexpected JSON value kind {element.ValueKind}.");
        }
    }

    private static void WriteObject(JsonElement element, ArrayBufferWriter<byte> output)
    {
        var properties = new List<(string Name, int Order, JsonElement Value)>();
        foreach (var property in element.EnumerateObject())
        {
            properties.Add((property.Name, properties.Count, property.Value));
        }

        // by name, then by order of appearance, so the last of a repeated key comes last
        properties.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : a.Order.CompareTo(b.Order);
        });

        output.Write("{"u8);
        var first = true;
        for (var i = 0; i < properties.Count; i++)
        {
            if (i + 1 < properties.Count && properties[i + 1].Name == properties[i].Name)
            {
                continue;
            }

            if (!first)
            {
                output.Write(","u8);
            }

            first = false;
            WriteString(properties[i].Name, output);
            output.Write(":"u8);
            Write(properties[i].Value, output);
        }

        output.Write("}"u8);
    }

    private static void WriteString(string value, ArrayBufferWriter<byte> output)
    {
        output.Write("\""u8);
        var span = value.AsSpan();
        while (!span.IsEmpty)
        {
            var safe = span.IndexOfAny(MustEscape);
            if (safe < 0)
            {
                safe = span.Length;
            }

            if (safe > 0)
            {
                var bytes = Encoding.UTF8.GetBytes(span[..safe], output.GetSpan(Encoding.UTF8.GetMaxByteCount(safe)));
                output.Advance(bytes);
                span = span[safe..];
                continue;
            }

            WriteEscape(span[0], output);
            span = span[1..];
        }

        output.Write("\""u8);
    }

    private static readonly SearchValues<char> MustEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private static void WriteEscape(char c, ArrayBufferWriter<byte> output)
    {
        switch (c)
        {
            case '"': output.Write("\\\""u8); break;
            case '\\': output.Write("\\\\"u8); break;
            case '\n': output.Write("\\n"u8); break;
            case '\r': output.Write("\\r"u8); break;
            case '\t': output.Write("\\t"u8); break;
            case '\b': output.Write("\\b"u8); break;
            case '\f': output.Write("\\f"u8); break;
            default: WriteAscii("\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture), output); break;
        }
    }

    private static void WriteAscii(string ascii, ArrayBufferWriter<byte> output)
    {
        var written = Encoding.ASCII.GetBytes(ascii, output.GetSpan(ascii.Length));
        output.Advance(written);
    }

    /// <summary>The exact decimal value of a JSON number: "1.50" -> "1.5", "1.5e2" -> "150", "-0.0" -> "0".</summary>
    internal static string CanonicalNumber(string raw)
    {
        if (IsPlainInteger(raw))
        {
            return raw;
        }

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

    /// <summary>Already canonical: an optional minus, then digits without a leading zero (or a lone "0").</summary>
    private static bool IsPlainInteger(string raw)
    {
        var digits = raw.AsSpan(raw.StartsWith('-') ? 1 : 0);
        return digits.Length > 0
            && !digits.ContainsAnyExceptInRange('0', '9')
            && (digits[0] != '0' || (digits.Length == 1 && raw.Length == 1));
    }
}

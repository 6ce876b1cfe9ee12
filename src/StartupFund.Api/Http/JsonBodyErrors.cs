using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using StartupFund.Domain.Common;
using StartupFund.Ledger.Pipeline;

namespace StartupFund.Api.Http;

/// <summary>
/// What a JSON body got wrong, in plain words: the field (as the body names it) and what it expects,
/// found from the request type, never System.Text.Json's message with its .NET type names.
/// </summary>
public static partial class JsonBodyErrors
{
    private const int MaxPathSegments = 16;

    /// <summary>A field name is echoed in four places of a problem: a 65 KB made-up name must not come back as 325 KB.</summary>
    private const int MaxFieldEcho = 100;

    public static FieldError Describe(JsonException error, ReadOnlySpan<byte> body, Type requestType)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(requestType);
        if (SyntaxError(body) is { } syntax)
        {
            return new FieldError("$", LedgerErrorCodes.RequestMalformed, syntax);
        }

        var segments = Segments(error.Path);
        if (segments.Count == 0 && UnmappedProperty().Match(error.Message) is { Success: true } unmapped)
        {
            segments = [new Segment(unmapped.Groups[1].Value, null)];
        }

        var field = segments.Count == 0 ? "$" : FieldPath(segments);
        if (field.Length > MaxFieldEcho)
        {
            field = field[..(char.IsHighSurrogate(field[MaxFieldEcho - 1]) ? MaxFieldEcho - 1 : MaxFieldEcho)] + "…";
        }
        if (DuplicateProperty().IsMatch(error.Message))
        {
            return new FieldError(field, LedgerErrorCodes.RequestMalformed, $"{field} appears more than once; give each field once.");
        }

        // A string the reader cannot turn into text ("\ud800" alone, bytes that are not UTF-8) is a bad character, as the domain says of text.
        if (error.InnerException is InvalidOperationException { Message: var inner }
            && (inner.Contains("UTF-16", StringComparison.Ordinal) || inner.Contains("UTF-8", StringComparison.Ordinal)))
        {
            return new FieldError(field, ErrorCodes.TextInvalidCharacter, $"{field} holds a character that is not text (a lone surrogate, or bytes that are not UTF-8).");
        }

        var message = Walk(requestType, [.. segments.Select(s => s.Name)]) switch
        {
            { Known: false } => $"{field} is not a field of this request.",
            { Type: var type, Property: var property } when segments.Count == 0 => $"The body must be {Expected(type, property)}.",
            { Type: var type, Property: var property } => $"{field} must be {Expected(type, property)}.",
        };
        return new FieldError(field, LedgerErrorCodes.RequestMalformed, message);
    }

    private readonly record struct Target(bool Known, Type Type, PropertyInfo? Property);

    /// <summary>Null when the body is well-formed JSON; otherwise where it stops being JSON.</summary>
    private static string? SyntaxError(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException e)
        {
            return $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); it must be one JSON object.";
        }
    }

    /// <summary>A property of the body and, when it sits in a list, the element's index ("tranches", 0).</summary>
    private readonly record struct Segment(string Name, int? Index);

    /// <summary>"$.tranches[0].amount" becomes (tranches, 0), (amount, none).</summary>
    private static List<Segment> Segments(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return [];
        }

        var segments = new List<Segment>();
        foreach (Match m in PathName().Matches(path))
        {
            if (m.Groups["index"].Success)
            {
                if (segments.Count > 0 && int.TryParse(m.Groups["index"].ValueSpan, out var index))
                {
                    segments[^1] = segments[^1] with { Index = index };
                }
            }
            else if (segments.Count < MaxPathSegments)
            {
                segments.Add(new Segment(m.Groups["dotted"].Success ? m.Groups["dotted"].Value : m.Groups["quoted"].Value, null));
            }
        }

        return segments;
    }

    /// <summary>The field as the domain's own errors name it: "tranches[0].amount".</summary>
    private static string FieldPath(List<Segment> segments) =>
        string.Join('.', segments.Select(s => s.Index is { } index ? $"{s.Name}[{index}]" : s.Name));

    private static Target Walk(Type type, List<string> segments)
    {
        PropertyInfo? property = null;
        foreach (var name in segments)
        {
            var container = ElementType(type) ?? type;
            property = container.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return new Target(false, type, null);
            }

            type = property.PropertyType;
        }

        return new Target(true, type, property);
    }

    private static string Expected(Type type, PropertyInfo? property)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) && property?.DeclaringType == typeof(MoneyInput))
        {
            return property.Name == nameof(MoneyInput.Amount)
                ? "a string with a decimal number, e.g. \"1250.00\""
                : "a string with an ISO 4217 currency code, e.g. \"EUR\"";
        }

        if (type == typeof(MoneyInput))
        {
            return "an object like {\"amount\": \"1250.00\", \"currency\": \"EUR\"}";
        }

        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number, e.g. 3",
            _ when type == typeof(decimal) || type == typeof(double) => "a number",
            { IsEnum: true } => "one of: " + Wording.WireChoices(type),
            _ when ElementType(type) is not null => "a JSON array",
            _ => "a JSON object",
        };
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ? type.GetGenericArguments()[0]
            : null;

    [GeneratedRegex(@"\.(?<dotted>[^.\[\]]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d{1,9})\]")]
    private static partial Regex PathName();

    [GeneratedRegex("^Duplicate property '")]
    private static partial Regex DuplicateProperty();

    [GeneratedRegex("The JSON property '([^']{1,200})' could not be mapped")]
    private static partial Regex UnmappedProperty();
}

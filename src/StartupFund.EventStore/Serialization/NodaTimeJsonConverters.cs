using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace StartupFund.EventStore.Serialization;

/// <summary>ISO-8601 converters for the NodaTime types our events carry (the feed has no NodaTime.Serialization package).</summary>
public static class NodaTimeJsonConverters
{
    public static JsonSerializerOptions AddNodaTime(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new PatternConverter<Instant>(InstantPattern.ExtendedIso));
        options.Converters.Add(new PatternConverter<LocalDate>(LocalDatePattern.Iso));
        options.Converters.Add(new PatternConverter<LocalDateTime>(LocalDateTimePattern.ExtendedIso));
        options.Converters.Add(new PatternConverter<Duration>(DurationPattern.Roundtrip));
        return options;
    }

    private sealed class PatternConverter<T>(IPattern<T> pattern) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Expected an ISO-8601 string for {typeof(T).Name}, found {reader.TokenType}.");
            }

            var result = pattern.Parse(reader.GetString()!);
            return result.Success ? result.Value : throw new JsonException($"'{reader.GetString()}' is not a valid {typeof(T).Name}: {result.Exception.Message}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(pattern.Format(value));
    }
}

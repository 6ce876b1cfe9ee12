using System.Text.Json;
using System.Text.Json.Serialization;
using StartupFund.Domain.Common;

namespace StartupFund.Ledger.Json;

/// <summary>
/// Enums in request and response bodies as the API spells them (camelCase names). Reading accepts
/// exactly one member's name (<see cref="Wording.TryParseWire{TEnum}"/>): System.Text.Json's own
/// string-enum converter would also take "government,technologyPartner" and store the flags'
/// combination, another member, in the ledger.
/// </summary>
internal sealed class WireEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Wording.TryParseWire<TEnum>(reader.GetString(), out var value)
                ? value
                : throw new JsonException($"Expected one of: {Wording.WireChoices<TEnum>()}.");

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Wording.Wire(value));

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(Wording.Wire(value));
    }
}

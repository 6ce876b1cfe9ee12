using System.Text.Json;
using System.Text.Json.Serialization;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Ledger.Json;

/// <summary>
/// Money on the wire: <c>{"amount":"1250000.00","currency":"EUR"}</c>. The amount is an exact
/// decimal string with at most the currency's decimals; a JSON number or too many decimals is
/// refused (never rounded).
/// </summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object like {\"amount\":\"1250000.00\",\"currency\":\"EUR\"}.");
        }

        string? amount = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"'{name}' must be a string.");
            }

            if (string.Equals(name, "amount", StringComparison.OrdinalIgnoreCase))
            {
                amount = reader.GetString();
            }
            else if (string.Equals(name, "currency", StringComparison.OrdinalIgnoreCase))
            {
                currency = reader.GetString();
            }
            else
            {
                throw new JsonException($"Unknown money field '{name}'.");
            }
        }

        if (amount is null || currency is null)
        {
            throw new JsonException("Money needs both 'amount' and 'currency'.");
        }

        try
        {
            return Money.Parse(amount, currency, allowNegative: true);
        }
        catch (DomainException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("amount", value.ToDecimalString());
        writer.WriteString("currency", value.Currency.Code);
        writer.WriteEndObject();
    }
}

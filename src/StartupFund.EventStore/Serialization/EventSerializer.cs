using System.Text.Json;
using System.Text.Json.Nodes;

namespace StartupFund.EventStore.Serialization;

/// <summary>Turns events into canonical JSON for storage and hashing, and stored rows back into events.</summary>
internal sealed class EventSerializer(EventTypeRegistry registry, JsonSerializerOptions options)
{
    /// <summary>An upcaster chain longer than this is a loop.</summary>
    private const int MaxUpcastSteps = 32;

    public JsonSerializerOptions Options => options;

    public (string Alias, byte[] CanonicalData) Serialize(object @event)
    {
        var alias = registry.AliasFor(@event.GetType());
        var utf8 = JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), options);
        return (alias, CanonicalJson.Canonicalize(utf8));
    }

    public byte[] SerializeCanonical(object value, Type type) =>
        CanonicalJson.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(value, type, options));

    public object Deserialize(string alias, string json, string streamId, long version)
    {
        if (registry.TryGetType(alias, out var type))
        {
            return JsonSerializer.Deserialize(json, type, options)
                ?? throw new JsonException($"Event {streamId}@{version} ('{alias}') deserialized to null.");
        }

        var currentAlias = alias;
        JsonObject? node = null;
        for (var step = 0; step < MaxUpcastSteps; step++)
        {
            if (!registry.TryGetUpcaster(currentAlias, out var upcaster))
            {
                throw new UnknownEventTypeException(
                    $"Event {streamId}@{version} has type alias '{alias}', which is neither registered nor upcast to a registered alias (stopped at '{currentAlias}').");
            }

            node ??= JsonNode.Parse(json) as JsonObject
                ?? throw new JsonException($"Event {streamId}@{version} ('{alias}') is not a JSON object and cannot be upcast.");
            node = upcaster.Transform(node);
            currentAlias = upcaster.NewAlias;
            if (registry.TryGetType(currentAlias, out type))
            {
                return node.Deserialize(type, options)
                    ?? throw new JsonException($"Event {streamId}@{version} upcast to '{currentAlias}' deserialized to null.");
            }
        }

        throw new UnknownEventTypeException($"Upcasting '{alias}' did not reach a registered alias within {MaxUpcastSteps} steps.");
    }
}

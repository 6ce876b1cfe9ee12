using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StartupFund.EventStore.Serialization;

/// <summary>
/// Maps event CLR types to stable aliases ("application-submitted") and back, and holds the
/// upcasters that turn an old alias/shape into a newer one on read. Each store has its own registry.
/// </summary>
public sealed partial class EventTypeRegistry
{
    public const int MaxAliasLength = 100;

    private readonly Dictionary<string, Type> typesByAlias = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> aliasesByType = [];
    private readonly Dictionary<string, Upcaster> upcastersByOldAlias = new(StringComparer.Ordinal);

    public EventTypeRegistry Register<TEvent>(string alias) where TEvent : notnull => Register(typeof(TEvent), alias);

    public EventTypeRegistry Register(Type eventType, string alias)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        ValidateAlias(alias);
        if (typesByAlias.TryGetValue(alias, out var existing) && existing != eventType)
        {
            throw new ArgumentException($"Event alias '{alias}' is already registered for {existing.Name}.", nameof(alias));
        }

        if (aliasesByType.TryGetValue(eventType, out var existingAlias) && existingAlias != alias)
        {
            throw new ArgumentException($"Event type {eventType.Name} is already registered as '{existingAlias}'.", nameof(eventType));
        }

        if (upcastersByOldAlias.ContainsKey(alias))
        {
            throw new ArgumentException($"Alias '{alias}' is upcast to a newer alias and cannot also name a current type.", nameof(alias));
        }

        typesByAlias[alias] = eventType;
        aliasesByType[eventType] = alias;
        return this;
    }

    /// <summary>Events stored as <paramref name="oldAlias"/> are read as <paramref name="newAlias"/> after <paramref name="transform"/>.</summary>
    public EventTypeRegistry Upcast(string oldAlias, string newAlias, Func<JsonObject, JsonObject> transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ValidateAlias(oldAlias);
        ValidateAlias(newAlias);
        if (typesByAlias.ContainsKey(oldAlias))
        {
            throw new ArgumentException($"Alias '{oldAlias}' names a current type and cannot be upcast.", nameof(oldAlias));
        }

        if (!upcastersByOldAlias.TryAdd(oldAlias, new Upcaster(newAlias, transform)))
        {
            throw new ArgumentException($"Alias '{oldAlias}' already has an upcaster.", nameof(oldAlias));
        }

        return this;
    }

    public string AliasFor(Type eventType) =>
        aliasesByType.TryGetValue(eventType, out var alias)
            ? alias
            : throw new UnknownEventTypeException($"Event type {eventType.FullName} has no registered alias; register it with EventTypeRegistry.Register.");

    public bool TryGetType(string alias, out Type eventType) => typesByAlias.TryGetValue(alias, out eventType!);

    internal bool TryGetUpcaster(string alias, out Upcaster upcaster) => upcastersByOldAlias.TryGetValue(alias, out upcaster!);

    internal static void ValidateAlias(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        if (alias.Length > MaxAliasLength || !AliasPattern().IsMatch(alias))
        {
            throw new ArgumentException($"Event alias '{alias}' is not valid: use 1-{MaxAliasLength} lower-case letters, digits, '-' and '.', starting with a letter.", nameof(alias));
        }
    }

    internal sealed record Upcaster(string NewAlias, Func<JsonObject, JsonObject> Transform);

    [GeneratedRegex("^[a-z][a-z0-9.-]*$")]
    private static partial Regex AliasPattern();
}

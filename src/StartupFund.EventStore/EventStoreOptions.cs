using System.Text.Json;
using NodaTime;
using StartupFund.EventStore.Aggregates;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;
using StartupFund.EventStore.Serialization;

namespace StartupFund.EventStore;

/// <summary>Everything one store instance needs; nothing here is static, so stores over several databases can coexist.</summary>
public sealed class EventStoreOptions
{
    public SchemaName Schema { get; init; } = new("eventstore");

    /// <summary>The source of every recorded-at instant.</summary>
    public IClock Clock { get; init; } = SystemClock.Instance;

    public EventTypeRegistry Events { get; init; } = new();

    public JsonSerializerOptions Json { get; init; } = DefaultJson();

    public IList<IInlineProjection> InlineProjections { get; init; } = [];

    public IList<IAggregateDefinition> Aggregates { get; init; } = [];

    /// <summary>The largest number of events one append may carry, over all its streams.</summary>
    public int MaxEventsPerAppend { get; init; } = 10_000;

    /// <summary>
    /// How many streams' tips (version, head hash) the store remembers to spare exact-version
    /// appends their lock round trip; 0 turns it off.
    /// </summary>
    public int RememberedStreamTips { get; init; } = 100_000;

    /// <summary>
    /// How many streams' folded states the store remembers for <see cref="EventStore.LoadForAppendAsync{TState}"/>
    /// to decide on without a read; 0 turns it off. A state is a few kilobytes.
    /// </summary>
    public int RememberedStates { get; init; } = 20_000;

    public static JsonSerializerOptions DefaultJson() =>
        new JsonSerializerOptions(JsonSerializerDefaults.Web).AddNodaTime();
}

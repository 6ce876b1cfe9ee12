using System.Text.Json;
using System.Text.Json.Serialization;
using StartupFund.EventStore;
using StartupFund.EventStore.Serialization;

namespace StartupFund.Ledger.Json;

/// <summary>
/// The two JSON shapes of the ledger. Stored events, snapshots and read-model state documents keep
/// the event store's default shape (Money as minor units + currency: exact and unambiguous).
/// Everything a client sees (HTTP bodies, stored idempotent responses) uses <see cref="Api"/>:
/// camelCase, enums as strings, money as decimal strings with the currency.
/// </summary>
public static class LedgerJson
{
    /// <summary>The shape of stored events and state documents (the store's default).</summary>
    public static JsonSerializerOptions Storage { get; } = EventStoreOptions.DefaultJson();

    /// <summary>The public shape of request and response bodies.</summary>
    public static JsonSerializerOptions Api { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Adds the public converters to <paramref name="options"/> (used for ASP.NET Core's own options too).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new MoneyJsonConverter());
        options.Converters.Add(new WireEnumConverter());
        options.AddNodaTime();
        return options;
    }
}

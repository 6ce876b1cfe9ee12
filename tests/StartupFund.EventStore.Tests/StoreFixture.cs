using NodaTime;
using StartupFund.EventStore.Aggregates;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

/// <summary>Builds stores over the class's database, each in a schema of its own so tests never see each other's events.</summary>
public abstract class StoreTestBase(TestDatabase database) : IClassFixture<TestDatabase>
{
    public const string AccountType = "account";

    protected TestDatabase Database => database;

    protected FakeClock Clock { get; } = FakeClock.At(2026, 3, 31);

    protected static LocalDate Day => new(2026, 3, 31);

    protected async Task<EventStore> NewStoreAsync(
        IEnumerable<IInlineProjection>? projections = null, int snapshotEvery = 100, string? schema = null, string shape = "1")
    {
        var store = new EventStore(database.DataSource, new EventStoreOptions
        {
            Schema = new SchemaName(schema ?? $"es_{Guid.NewGuid():N}"[..20]),
            Clock = Clock,
            Events = Registry(),
            InlineProjections = [.. projections ?? []],
            Aggregates = [new AggregateDefinition<AccountState>(AccountType, AccountState.Initial, AccountState.Evolve, snapshotEvery, shape)],
        });
        await store.MigrateAsync();
        return store;
    }

    protected static Serialization.EventTypeRegistry Registry() => new Serialization.EventTypeRegistry()
        .Register<AccountOpened>("account-opened")
        .Register<AmountDeposited>("amount-deposited")
        .Register<AmountWithdrawn>("amount-withdrawn");

    protected static string NewStreamId() => $"account-{Guid.NewGuid():N}";

    protected static StreamAppend Open(string streamId, string owner = "Ada") =>
        new(streamId, AccountType, "DE", ExpectedVersion.NoStream, [new AccountOpened(owner, "EUR")]);

    protected static StreamAppend Deposit(string streamId, ExpectedVersion expected, params long[] amounts) =>
        new(streamId, AccountType, "DE", expected, [.. amounts.Select(a => (object)new AmountDeposited(a, Day))]);
}

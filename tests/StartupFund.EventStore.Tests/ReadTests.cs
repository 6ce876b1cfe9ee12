using System.Text.Json.Nodes;
using NodaTime;
using StartupFund.EventStore.Schema;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

public sealed class ReadTests(TestDatabase database) : StoreTestBase(database)
{
    [Fact]
    public async Task A_stream_reads_forward_from_a_version_up_to_a_version()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 1, 2, 3, 4));

        var middle = await store.ReadStreamAsync(streamId, new ReadStreamOptions { FromVersion = 2, ToVersion = 4 });
        var tail = await store.ReadStreamAsync(streamId, new ReadStreamOptions { FromVersion = 4 });

        middle.Select(e => e.Version).ShouldBe([2L, 3L, 4L]);
        middle.Select(e => ((AmountDeposited)e.Data).AmountMinor).ShouldBe([1L, 2L, 3L]);
        tail.Select(e => e.Version).ShouldBe([4L, 5L]);
        (await store.ReadStreamAsync(NewStreamId())).ShouldBeEmpty();
    }

    [Fact]
    public async Task Time_travel_reads_only_what_was_recorded_up_to_an_instant()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));
        var endOfMarch = Clock.GetCurrentInstant();
        Clock.Advance(Duration.FromDays(1));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 100));
        Clock.Advance(Duration.FromDays(1));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(2), 50));

        var asOfMarch = await store.ReadStreamAsync(streamId, new ReadStreamOptions { RecordedUpTo = endOfMarch });
        var asOfDayTwo = await store.LoadAsOfAsync<AccountState>(streamId, endOfMarch + Duration.FromDays(1));
        var now = await store.LoadAsync<AccountState>(streamId);

        asOfMarch.Count.ShouldBe(1);
        (asOfDayTwo.State.BalanceMinor, asOfDayTwo.Version).ShouldBe((100L, 2L));
        (now.State.BalanceMinor, now.Version).ShouldBe((150L, 3L));
    }

    [Fact]
    public void Invalid_read_ranges_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ReadStreamOptions { FromVersion = 0 }.Validate());
        Should.Throw<ArgumentOutOfRangeException>(() => new ReadStreamOptions { FromVersion = 5, ToVersion = 4 }.Validate());
    }

    [Fact]
    public async Task An_event_with_an_unknown_alias_is_a_clear_error_on_read()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));
        await Database.ExecuteAsync($"update {store.Schema.Quoted}.events set type = 'mystery-happened' where stream_id = '{streamId}'");

        var error = await Should.ThrowAsync<UnknownEventTypeException>(() => store.ReadStreamAsync(streamId));

        error.Message.ShouldContain("mystery-happened");
        error.Message.ShouldContain($"{streamId}@1");
    }

    [Fact]
    public async Task An_upcaster_reads_a_stored_old_shape_as_the_current_event()
    {
        // v1 of a deposit carried a decimal string "amount" and no value date
        var registry = Registry().Upcast("amount-deposited.v1", "amount-deposited", old => new JsonObject
        {
            ["amountMinor"] = long.Parse(old["amount"]!.GetValue<string>().Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture),
            ["valueDate"] = "2020-01-01",
        });
        var store = new EventStore(Database.DataSource, new EventStoreOptions { Schema = new SchemaName("upcasting"), Events = registry, Clock = Clock });
        await store.MigrateAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 1));
        await Database.ExecuteAsync($$"""
            update upcasting.events set type = 'amount-deposited.v1', data = '{"amount": "12.50"}'
            where stream_id = '{{streamId}}' and version = 2
            """);

        var events = await store.ReadStreamAsync(streamId);

        events[1].Data.ShouldBe(new AmountDeposited(1250, new LocalDate(2020, 1, 1)));
        events[1].Alias.ShouldBe("amount-deposited.v1");
    }

    [Fact]
    public void The_registry_refuses_ambiguous_or_malformed_aliases()
    {
        var registry = Registry();
        Should.Throw<ArgumentException>(() => registry.Register<AccountOpened>("another-alias"));
        Should.Throw<ArgumentException>(() => registry.Register<AccountState>("account-opened"));
        Should.Throw<ArgumentException>(() => registry.Register<AccountState>("Not An Alias"));
        Should.Throw<ArgumentException>(() => registry.Upcast("account-opened", "x", o => o));
    }
}

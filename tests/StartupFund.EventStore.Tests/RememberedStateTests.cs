using StartupFund.EventStore.Aggregates;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

public sealed class RememberedStateTests(TestDatabase database) : StoreTestBase(database)
{
    [Fact]
    public async Task A_load_for_append_answers_from_the_state_the_last_append_left()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId, "Grace"));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 100, 250));

        var remembered = await store.LoadForAppendAsync<AccountState>(streamId);

        remembered.IsRemembered.ShouldBeTrue();
        remembered.ShouldBe(await store.LoadAsync<AccountState>(streamId) with { IsRemembered = true });
        remembered.State.ShouldBe(new AccountState("Grace", 350, 2));
        remembered.Version.ShouldBe(3);
    }

    [Fact]
    public async Task A_state_another_writer_moved_on_from_fails_its_append_and_the_next_load_reads_the_database()
    {
        var schema = $"es_{Guid.NewGuid():N}"[..20];
        var store = await NewStoreAsync(schema: schema);
        var otherProcess = await NewStoreAsync(schema: schema);
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));
        await otherProcess.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 40));

        var stale = await store.LoadForAppendAsync<AccountState>(streamId);
        var lost = await Should.ThrowAsync<ConcurrencyException>(() => store.AppendAsync(Deposit(streamId, stale.ExpectedVersion, 2)));
        var reread = await store.LoadForAppendAsync<AccountState>(streamId);
        await store.AppendAsync(Deposit(streamId, reread.ExpectedVersion, 2));

        stale.ShouldBe(new LoadedAggregate<AccountState>(new AccountState("Ada", 0, 0), 1) { IsRemembered = true });
        lost.ActualVersion.ShouldBe(2);
        reread.ShouldBe(new LoadedAggregate<AccountState>(new AccountState("Ada", 40, 1), 2));
        (await store.LoadForAppendAsync<AccountState>(streamId)).ShouldBe(
            new LoadedAggregate<AccountState>(new AccountState("Ada", 42, 2), 3) { IsRemembered = true });
    }

    [Fact]
    public async Task Two_streams_load_for_append_from_memory_and_the_database_as_each_is_known()
    {
        var schema = $"es_{Guid.NewGuid():N}"[..20];
        var store = await NewStoreAsync(schema: schema);
        var otherProcess = await NewStoreAsync(schema: schema);
        var (known, unknown) = (NewStreamId(), NewStreamId());
        await store.AppendAsync(Open(known, "Grace"));
        await otherProcess.AppendAsync(Open(unknown, "Ada"));

        var (first, second) = await store.LoadForAppendAsync<AccountState, AccountState>(known, unknown);
        var (again, _) = await store.LoadForAppendAsync<AccountState, AccountState>(unknown, known);

        first.IsRemembered.ShouldBeTrue();
        second.ShouldBe(new LoadedAggregate<AccountState>(new AccountState("Ada", 0, 0), 1));
        again.IsRemembered.ShouldBeTrue("the load remembered it");
    }

    [Fact]
    public async Task A_snapshot_taken_from_a_remembered_state_is_the_full_fold_at_its_version()
    {
        var schema = $"es_{Guid.NewGuid():N}"[..20];
        var store = await NewStoreAsync(snapshotEvery: 3, schema: schema);
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId, "Grace"));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 5));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(2), 7, 11));   // version 4 crosses 3

        var snapshot = await Database.ScalarAsync<string>(
            $"select version || ':' || (data->>'balanceMinor') || ':' || (data->>'owner') from {store.Schema.Quoted}.snapshots where stream_id = '{streamId}'");
        var fresh = await NewStoreAsync(snapshotEvery: 3, schema: schema);

        snapshot.ShouldBe("4:23:Grace");
        (await fresh.LoadAsync<AccountState>(streamId)).ShouldBe(new LoadedAggregate<AccountState>(new AccountState("Grace", 23, 3), 4));
    }

    [Fact]
    public async Task A_store_told_to_remember_no_states_reads_every_load_from_the_database()
    {
        var store = new EventStore(Database.DataSource, new EventStoreOptions
        {
            Schema = new Schema.SchemaName($"es_{Guid.NewGuid():N}"[..20]),
            Clock = Clock,
            Events = Registry(),
            Aggregates = [new AggregateDefinition<AccountState>(AccountType, AccountState.Initial, AccountState.Evolve)],
            RememberedStates = 0,
        });
        await store.MigrateAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));

        var loaded = await store.LoadForAppendAsync<AccountState>(streamId);

        loaded.ShouldBe(new LoadedAggregate<AccountState>(new AccountState("Ada", 0, 0), 1));
    }
}

using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

/// <summary>
/// Appends that expect the version a store remembers skip the lock round trip; these tests make the
/// remembered tip go stale in every way (another process appended, archived, moved on) and check
/// that the store still refuses exactly as the locked path does and never breaks a hash chain.
/// </summary>
public sealed class RememberedTipTests(TestDatabase database) : StoreTestBase(database)
{
    [Fact]
    public async Task An_append_after_another_process_moved_the_stream_on_is_refused_and_the_next_load_appends_cleanly()
    {
        var schema = $"es_{Guid.NewGuid():N}"[..20];
        var ours = await NewStoreAsync(schema: schema);
        var theirs = await NewStoreAsync(schema: schema);
        var streamId = NewStreamId();
        await ours.AppendAsync(Open(streamId));
        await ours.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 10));   // ours remembers version 2

        await theirs.AppendAsync(Deposit(streamId, ExpectedVersion.Any, 20));

        var refused = await Should.ThrowAsync<ConcurrencyException>(() => ours.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(2), 99)));
        (refused.StreamId, refused.Expected, refused.ActualVersion).ShouldBe((streamId, ExpectedVersion.Exact(2), 3L));
        var loaded = await ours.LoadAsync<AccountState>(streamId);
        await ours.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(loaded.Version), 30));

        (await ours.ReadStreamAsync(streamId)).Select(e => e.Data).OfType<AmountDeposited>().Select(d => d.AmountMinor).ShouldBe([10L, 20L, 30L]);
        (await ours.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task A_stream_archived_by_another_process_refuses_an_append_from_a_remembered_tip()
    {
        var schema = $"es_{Guid.NewGuid():N}"[..20];
        var ours = await NewStoreAsync(schema: schema);
        var theirs = await NewStoreAsync(schema: schema);
        var streamId = NewStreamId();
        await ours.AppendAsync(Open(streamId));
        await ours.LoadAsync<AccountState>(streamId);   // ours remembers version 1

        await theirs.ArchiveStreamAsync(streamId);

        await Should.ThrowAsync<StreamArchivedException>(() => ours.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 5)));
        (await ours.ReadStreamAsync(streamId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_two_stream_append_whose_second_tip_is_stale_writes_neither_stream()
    {
        var schema = $"es_{Guid.NewGuid():N}"[..20];
        var ours = await NewStoreAsync(schema: schema);
        var theirs = await NewStoreAsync(schema: schema);
        var (first, second) = ("account-a-" + Guid.NewGuid().ToString("N"), "account-b-" + Guid.NewGuid().ToString("N"));
        await ours.AppendAsync([Open(first), Open(second)]);
        await ours.LoadAsync<AccountState>(first);
        await ours.LoadAsync<AccountState>(second);     // ours remembers both at version 1
        await theirs.AppendAsync(Deposit(second, ExpectedVersion.Exact(1), 1));

        await Should.ThrowAsync<ConcurrencyException>(() => ours.AppendAsync(
            [Deposit(first, ExpectedVersion.Exact(1), 7), Deposit(second, ExpectedVersion.Exact(1), 7)]));

        (await ours.ReadStreamAsync(first)).Count.ShouldBe(1);
        (await ours.ReadStreamAsync(second)).Count.ShouldBe(2);
        (await ours.GetStreamAsync(first))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Writers_in_two_stores_racing_on_one_stream_leave_no_gap_and_an_intact_chain()
    {
        var schema = $"es_{Guid.NewGuid():N}"[..20];
        EventStore[] stores = [await NewStoreAsync(schema: schema), await NewStoreAsync(schema: schema)];
        var streamId = NewStreamId();
        await stores[0].AppendAsync(Open(streamId));
        var appended = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async writer =>
        {
            var store = stores[writer % 2];
            for (var i = 0; i < 15; i++)
            {
                while (true)
                {
                    var loaded = await store.LoadAsync<AccountState>(streamId);
                    try
                    {
                        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(loaded.Version), 1));
                        Interlocked.Increment(ref appended);
                        break;
                    }
                    catch (ConcurrencyException)
                    {
                    }
                }
            }
        }));

        var events = await stores[1].ReadStreamAsync(streamId);
        appended.ShouldBe(120);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, 121).Select(v => (long)v));
        (await stores[1].LoadAsync<AccountState>(streamId)).State.BalanceMinor.ShouldBe(120);
        (await stores[0].VerifyAsync()).IsClean.ShouldBeTrue();
    }
}

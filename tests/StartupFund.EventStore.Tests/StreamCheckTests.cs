using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

public sealed class StreamCheckTests(TestDatabase database) : StoreTestBase(database)
{
    [Fact]
    public async Task An_append_that_checks_a_stream_commits_while_the_stream_is_at_that_version_and_writes_nothing_once_it_moved()
    {
        var store = await NewStoreAsync();
        var (read, written) = (NewStreamId(), NewStreamId());
        await store.AppendAsync(Open(read));

        await store.AppendAsync([Open(written)], null, [], [new StreamCheck(read, 1)]);
        await store.AppendAsync(Deposit(read, ExpectedVersion.Exact(1), 5));
        var lost = await Should.ThrowAsync<ConcurrencyException>(
            () => store.AppendAsync([Deposit(written, ExpectedVersion.Exact(1), 7)], null, [], [new StreamCheck(read, 1)]));

        lost.StreamId.ShouldBe(read);
        lost.ActualVersion.ShouldBe(2);
        (await store.GetStreamAsync(written))!.Version.ShouldBe(1);
        (await store.GetStreamAsync(read))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task A_check_waits_for_a_write_in_flight_on_its_stream_and_fails_when_that_write_commits()
    {
        var store = await NewStoreAsync();
        var (read, written) = (NewStreamId(), NewStreamId());
        await store.AppendAsync(Open(read));

        // Another process is moving the read stream on: its row is locked, the move not yet committed.
        await using var other = await Database.DataSource.OpenConnectionAsync();
        await using var moving = await other.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand($"update {store.Schema.Quoted}.streams set version = 2 where id = '{read}'", other, moving))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        var append = Task.Run(() => store.AppendAsync([Open(written)], null, [], [new StreamCheck(read, 1)]));
        await WaitUntilABackendWaitsForALockAsync(append);
        await moving.CommitAsync();

        (await Should.ThrowAsync<ConcurrencyException>(() => append)).ActualVersion.ShouldBe(2);
        (await store.GetStreamAsync(written)).ShouldBeNull();
    }

    [Fact]
    public async Task A_stream_both_checked_and_appended_to_is_refused_before_anything_is_sent()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();

        await Should.ThrowAsync<ArgumentException>(() => store.AppendAsync([Open(streamId)], null, [], [new StreamCheck(streamId, 1)]));

        (await store.GetStreamAsync(streamId)).ShouldBeNull();
    }

    private async Task WaitUntilABackendWaitsForALockAsync(Task append)
    {
        for (var i = 0; i < 600 && !append.IsCompleted; i++)
        {
            if (await Database.ScalarAsync<long>("select count(*) from pg_locks where not granted") > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("The append neither waited for the row lock nor finished.");
    }
}

using System.Collections.Concurrent;
using Npgsql;
using NodaTime;
using StartupFund.EventStore.Projections;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

public sealed class TailTests(TestDatabase database) : StoreTestBase(database)
{
    /// <summary>
    /// DESIGN.md's counter-example: T_b takes its transaction id first but its sequence number
    /// last, and commits while T_a (later id, earlier sequence number) is still open. A reader that
    /// checkpointed on position alone would pass T_a's event and never see it.
    /// </summary>
    [Fact]
    public async Task An_event_with_a_lower_position_that_commits_later_is_still_delivered()
    {
        var store = await NewStoreAsync();
        var events = $"{store.Schema.Quoted}.events";
        await store.AppendAsync(Open("t-a"));
        await store.AppendAsync(Open("t-b"));
        var cursor = (await ReadUntilAsync(store, LogCursor.Start, page => page.Events.Count == 2)).Next;

        await using var connectionB = await Database.DataSource.OpenConnectionAsync();
        await using var transactionB = await connectionB.BeginTransactionAsync();
        var xidB = await ScalarAsync<ulong>(connectionB, "select pg_current_xact_id()::text::bigint");     // T_b: the older transaction id

        await using var connectionA = await Database.DataSource.OpenConnectionAsync();
        await using var transactionA = await connectionA.BeginTransactionAsync();
        var positionA = await InsertRawEventAsync(connectionA, events, "t-a", 2);                     // T_a: the lower position, held open
        var positionB = await InsertRawEventAsync(connectionB, events, "t-b", 2);
        await transactionB.CommitAsync();

        // the horizon is cluster-wide: other tests' short transactions may hold it back for a moment
        var whileAIsOpen = await ReadUntilAsync(store, cursor, page => page.Events.Count > 0);
        await transactionA.CommitAsync();
        var afterACommits = await ReadUntilAsync(store, whileAIsOpen.Next, page => page.Events.Count > 0);

        positionA.ShouldBeLessThan(positionB);
        whileAIsOpen.Events.Select(e => e.Position).ShouldBe([positionB]);
        whileAIsOpen.Events[0].TxId.ShouldBe(xidB);
        afterACommits.Events.Select(e => e.Position).ShouldBe([positionA]);
    }

    [Fact]
    public async Task An_event_of_a_transaction_still_open_is_not_read_and_nothing_after_it_is_passed()
    {
        var gate = new TaskCompletionSource();
        var store = await NewStoreAsync([new HoldOpenProjection("held", gate.Task)]);
        var cursor = (await store.ReadLogAsync(LogCursor.Start)).Next;

        var held = store.AppendAsync(Open("held"));
        await WaitUntilAsync(async () => await Database.ScalarAsync<long>(
            "select count(*) from pg_stat_activity where state = 'idle in transaction' and datname = current_database()") > 0);
        await store.AppendAsync(Open("later"));

        var whileHeld = await store.ReadLogAsync(cursor);
        gate.SetResult();
        await held;
        var afterwards = await ReadUntilAsync(store, whileHeld.Next, page => page.Events.Count == 2);

        whileHeld.Events.ShouldBeEmpty();
        afterwards.Events.Select(e => e.StreamId).ShouldBe(["held", "later"]);
    }

    [Fact]
    public async Task A_reader_tailing_many_out_of_order_writers_sees_every_event_exactly_once()
    {
        const int writers = 8;
        const int appendsPerWriter = 30;
        const int total = writers * appendsPerWriter;
        var store = await NewStoreAsync([new RandomDelayProjection()]);
        var seen = new List<RecordedEvent>();

        // An empty page does not mean "caught up": the horizon also waits for other transactions
        // anywhere on the cluster. So the reader runs until it has what was written, or a deadline.
        var reader = Task.Run(async () =>
        {
            var cursor = LogCursor.Start;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (seen.Count < total && DateTime.UtcNow < deadline)
            {
                var page = await store.ReadLogAsync(cursor, 50);
                seen.AddRange(page.Events);
                cursor = page.Next;
                if (page.Events.Count == 0)
                {
                    await Task.Delay(2);
                }
            }

            await Task.Delay(200);   // anything delivered beyond the total would be a duplicate: look for it
            seen.AddRange((await store.ReadLogAsync(cursor)).Events);
        });
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var streamId = $"writer-{w}";
            await store.AppendAsync(Open(streamId));
            for (var i = 1; i < appendsPerWriter; i++)
            {
                await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(i), i));
            }
        }));
        await Task.WhenAll(writing);
        await reader;

        var stored = await Database.ScalarAsync<long>($"select count(*) from {store.Schema.Quoted}.events");
        seen.Count.ShouldBe(total);
        stored.ShouldBe(total);
        seen.Select(e => e.EventId).Distinct().Count().ShouldBe(seen.Count);
        seen.Select(e => e.Cursor).ShouldBeInOrder(SortDirection.Ascending);
        foreach (var stream in seen.GroupBy(e => e.StreamId))
        {
            stream.Select(e => e.Version).ShouldBe(Enumerable.Range(1, appendsPerWriter).Select(v => (long)v));
        }

        var positionsOutOfOrder = seen.Zip(seen.Skip(1)).Count(pair => pair.Second.Position < pair.First.Position);
        // recorded so a reader of the test output can see the writers really did commit out of order
        Console.WriteLine($"tail test: {positionsOutOfOrder} of {seen.Count} events arrived after a higher position");
    }

    [Fact]
    public async Task TailAsync_follows_the_log_as_it_grows()
    {
        var store = await NewStoreAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new List<string>();
        var tail = Task.Run(async () =>
        {
            await foreach (var recorded in store.TailAsync(LogCursor.Start, Duration.FromMilliseconds(5), cancel.Token))
            {
                received.Add(recorded.StreamId);
                if (received.Count == 3)
                {
                    return;
                }
            }
        });

        await store.AppendAsync(Open("first"));
        await store.AppendAsync([Open("second"), Open("third")]);
        await tail;

        received.ShouldBe(["first", "second", "third"]);
    }

    private static async Task<long> InsertRawEventAsync(NpgsqlConnection connection, string events, string streamId, int version)
    {
        await using var command = new NpgsqlCommand($$"""
            insert into {{events}} (id, stream_id, version, type, data, metadata, recorded_at, hash)
            values (gen_random_uuid(), $1, $2, 'amount-deposited', '{"amountMinor":1,"valueDate":"2026-03-31"}', '{}', now(), '\x00')
            returning position
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)version });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<LogPage> ReadUntilAsync(EventStore store, LogCursor after, Func<LogPage, bool> condition)
    {
        LogPage page = new([], after);
        await WaitUntilAsync(async () => condition(page = await store.ReadLogAsync(after)));
        return page;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("condition not met within 10 s");
    }

    /// <summary>Keeps the append of one stream open (after its insert) until the test releases it.</summary>
    private sealed class HoldOpenProjection(string streamId, Task release) : IInlineProjection
    {
        public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            if (events.Any(e => e.StreamId == streamId))
            {
                await release.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
        }
    }

    /// <summary>Holds some append transactions open for a while after they took their positions, so commits come out of order.</summary>
    private sealed class RandomDelayProjection : IInlineProjection
    {
        public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            if (Random.Shared.Next(3) == 0)
            {
                await Task.Delay(Random.Shared.Next(1, 15), cancellationToken);
            }
        }
    }
}

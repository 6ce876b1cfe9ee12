using NodaTime;
using StartupFund.EventStore.Projections;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

public sealed class AsyncProjectionTests(TestDatabase database) : StoreTestBase(database)
{
    [Fact]
    public async Task A_runner_applies_every_event_once_and_a_restart_continues_from_its_checkpoint()
    {
        var store = await NewStoreAsync();
        await AppendDepositsAsync(store, "a", 30);

        await RunUntilAsync(store, events: 30);
        await AppendDepositsAsync(store, "b", 20);
        await RunUntilAsync(store, events: 20);     // a new runner: only what came after the checkpoint

        (await Database.ScalarAsync<long>($"select count(*) from {store.Schema.Quoted}.applied_positions")).ShouldBe(50);
        (await Database.ScalarAsync<long>($"select events from {store.Schema.Quoted}.stream_counts where stream_id = 'b'")).ShouldBe(20);
    }

    [Fact]
    public async Task A_second_runner_waits_and_takes_over_when_the_leader_dies_applying_each_event_exactly_once()
    {
        var store = await NewStoreAsync();
        await using var otherSource = Database.NewDataSource();
        var otherStore = new EventStore(otherSource, new EventStoreOptions { Schema = store.Schema, Events = Registry(), Clock = Clock });
        var leader = new AsyncProjectionRunner(store, new StreamCounter(), batchSize: 7, idleDelay: Duration.FromMilliseconds(10));
        var standby = new AsyncProjectionRunner(otherStore, new StreamCounter(), batchSize: 7, idleDelay: Duration.FromMilliseconds(10));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var leading = leader.RunAsync(stop.Token);
        await WaitUntilAsync(() => leader.IsLeader);
        var waiting = standby.RunAsync(stop.Token);
        await AppendDepositsAsync(store, "a", 40);
        await WaitUntilAsync(() => leader.EventsApplied == 40);

        standby.IsLeader.ShouldBeFalse();
        // what a crash of the leader's process does to the database: its session ends, its lock goes
        await Database.ExecuteAsync($"select pg_terminate_backend({leader.LeaderBackendProcessId})");
        await Should.ThrowAsync<Exception>(() => leading);
        await AppendDepositsAsync(store, "b", 25);
        await WaitUntilAsync(() => standby.IsLeader && standby.EventsApplied == 25,
            () => $"standby leader={standby.IsLeader} applied={standby.EventsApplied} status={waiting.Status} {waiting.Exception?.InnerException?.Message}");
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => waiting);

        (await Database.ScalarAsync<long>($"select count(*) from {store.Schema.Quoted}.applied_positions")).ShouldBe(65);
        (await Database.ScalarAsync<long>($"select sum(events)::bigint from {store.Schema.Quoted}.stream_counts")).ShouldBe(65);
    }

    [Fact]
    public async Task Verify_mode_finds_a_read_model_row_that_the_log_does_not_justify_and_a_rebuild_repairs_it()
    {
        var store = await NewStoreAsync();
        await AppendDepositsAsync(store, "a", 12);
        await AppendDepositsAsync(store, "b", 3);
        await WaitUntilReadableAsync(store, 15);
        await RunUntilAsync(store, events: 15);
        var rebuilder = new ProjectionRebuilder(store, new StreamCounter());

        var faithful = await rebuilder.RebuildAsync(verifyOnly: true, Duration.FromSeconds(5));
        await Database.ExecuteAsync($"update {store.Schema.Quoted}.stream_counts set events = 99 where stream_id = 'b'");
        var tampered = await rebuilder.RebuildAsync(verifyOnly: true, Duration.FromSeconds(5));
        var rebuilt = await rebuilder.RebuildAsync(verifyOnly: false, Duration.FromSeconds(5));
        var afterwards = await rebuilder.RebuildAsync(verifyOnly: true, Duration.FromSeconds(5));

        faithful.IsFaithful.ShouldBeTrue();
        faithful.EventsApplied.ShouldBe(15);
        tampered.Differences.Single().ShouldSatisfyAllConditions(
            d => d.Table.ShouldBe("stream_counts"),
            d => (d.OnlyInLive, d.OnlyInRebuild).ShouldBe((1L, 1L)),
            d => d.Samples.ShouldContain(s => s.Contains("99", StringComparison.Ordinal) && s.StartsWith("live only", StringComparison.Ordinal)));
        rebuilt.EventsApplied.ShouldBe(15);
        afterwards.IsFaithful.ShouldBeTrue();
        (await Database.ScalarAsync<long>($"select events from {store.Schema.Quoted}.stream_counts where stream_id = 'b'")).ShouldBe(3);
    }

    [Fact]
    public async Task A_rebuild_swaps_in_new_tables_and_the_runner_carries_on_from_the_rebuilds_checkpoint()
    {
        var store = await NewStoreAsync();
        await AppendDepositsAsync(store, "a", 10);
        await WaitUntilReadableAsync(store, 10);

        var rebuilt = await new ProjectionRebuilder(store, new StreamCounter()).RebuildAsync(verifyOnly: false, Duration.FromSeconds(5));
        await AppendDepositsAsync(store, "c", 5);
        await RunUntilAsync(store, events: 5);

        rebuilt.EventsApplied.ShouldBe(10);
        (await Database.ScalarAsync<long>($"select count(*) from {store.Schema.Quoted}.applied_positions")).ShouldBe(15);
        (await Database.ScalarAsync<long>($"select count(*) from pg_tables where schemaname = '{store.Schema.Value}' and tablename like '%_rebuild'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_rebuild_is_refused_while_a_runner_holds_the_projection()
    {
        var store = await NewStoreAsync();
        var runner = new AsyncProjectionRunner(store, new StreamCounter(), idleDelay: Duration.FromMilliseconds(10));
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);
        await WaitUntilAsync(() => runner.IsLeader);

        var refused = await Should.ThrowAsync<EventStoreException>(() =>
            new ProjectionRebuilder(store, new StreamCounter()).RebuildAsync(verifyOnly: false, Duration.FromMilliseconds(300)));

        refused.Message.ShouldContain("elsewhere");
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => running);
    }

    private static async Task RunUntilAsync(EventStore store, long events)
    {
        var runner = new AsyncProjectionRunner(store, new StreamCounter(), batchSize: 8, idleDelay: Duration.FromMilliseconds(10));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = runner.RunAsync(stop.Token);
        await WaitUntilAsync(() => runner.EventsApplied >= events || running.IsFaulted);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => running);
        runner.EventsApplied.ShouldBe(events);
    }

    /// <summary>The log's horizon is cluster-wide: other tests' transactions may hold it back for a moment.</summary>
    private static async Task WaitUntilReadableAsync(EventStore store, int events)
    {
        for (var attempt = 0; attempt < 1_000 && (await store.ReadLogAsync(LogCursor.Start, events)).Events.Count < events; attempt++)
        {
            await Task.Delay(10);
        }
    }

    private static async Task AppendDepositsAsync(EventStore store, string streamId, int count)
    {
        var version = (await store.GetStreamAsync(streamId))?.Version ?? 0;
        for (var i = 0; i < count; i++)
        {
            var expected = ExpectedVersion.Exact(version);
            await store.AppendAsync(new StreamAppend(streamId, AccountType, "DE", expected, [new AmountDeposited(i + 1, Day)]));
            version++;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string>? describe = null)
    {
        for (var attempt = 0; attempt < 3_000 && !condition(); attempt++)
        {
            await Task.Delay(10);
        }

        condition().ShouldBeTrue($"condition not met within 30 s {describe?.Invoke()}");
    }

    /// <summary>Counts events per stream and records every applied position once (a repeat would violate the key).</summary>
    private sealed class StreamCounter : IAsyncProjection
    {
        public string Name => "stream-counter";

        public IReadOnlyList<string> Tables { get; } = ["stream_counts", "applied_positions"];

        public async Task CreateTablesAsync(ProjectionContext context, ProjectionTables tables, CancellationToken cancellationToken)
        {
            await using var command = context.CreateCommand($"""
                create table if not exists {tables["stream_counts"]} (stream_id text primary key, events bigint not null);
                create table if not exists {tables["applied_positions"]} (position bigint primary key);
                """);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task ApplyAsync(ProjectionContext context, ProjectionTables tables, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var recorded in events)
            {
                await using var count = context.CreateCommand(
                    $"insert into {tables["stream_counts"]} values ($1, 1) on conflict (stream_id) do update set events = {tables["stream_counts"]}.events + 1");
                count.Parameters.Add(new() { Value = recorded.StreamId });
                await count.ExecuteNonQueryAsync(cancellationToken);
                await using var applied = context.CreateCommand($"insert into {tables["applied_positions"]} values ($1)");
                applied.Parameters.Add(new() { Value = recorded.Position });
                await applied.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}

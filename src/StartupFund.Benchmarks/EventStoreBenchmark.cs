using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NodaTime;
using StartupFund.EventStore;
using StartupFund.EventStore.Aggregates;
using StartupFund.EventStore.Schema;
using StartupFund.EventStore.Serialization;
using Store = StartupFund.EventStore.EventStore;

namespace StartupFund.Benchmarks;

/// <summary>
/// Measures the event store against a raw Npgsql baseline that inserts the same rows (a stream row
/// and an event row) into bare tables with the same concurrency, in one fresh database.
/// </summary>
public static class EventStoreBenchmark
{
    private const string BenchDatabase = "startupfund_bench";
    private const string StreamType = "bench";
    private const string PlainStreamType = "bench-plain";   // no aggregate definition, so no snapshots
    private const int BatchSize = 100;

    /// <summary>The same concurrency as the single-event figure; with 4 writers the batches wait on commit latency, not on CPU.</summary>
    private const int BatchWriters = 16;

    /// <summary>The baseline stores the same row, hash included, but computes nothing.</summary>
    private static readonly byte[] BaselineHash = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    public static async Task<BenchResults> RunAsync(string serverConnectionString, BenchScale scale)
    {
        var results = new BenchResults("eventstore.json");
        await using var dataSource = await BenchDatabases.CreateFreshAsync(serverConnectionString, BenchDatabase);
        results.PostgresVersion = (string)(await dataSource.CreateCommand("select version()").ExecuteScalarAsync())!;
        var store = new Store(dataSource, new EventStoreOptions
        {
            Schema = new SchemaName("eventstore"),
            Events = new EventTypeRegistry().Register<BenchEvent>("bench-event"),
            Aggregates = [new AggregateDefinition<BenchState>(StreamType, BenchState.Initial, BenchState.Evolve, snapshotEvery: 100)],
        });
        await store.MigrateAsync();
        await CreateBaselineTablesAsync(dataSource);
        var baselineJson = JsonSerializer.Serialize(NewEvent(0), EventStoreOptions.DefaultJson());

        Console.WriteLine("warming up both paths...");
        await ThroughputAsync(16, TimeSpan.FromSeconds(1), (w, i) => BaselineInsertAsync(dataSource, $"warm-b-{w}-{i}", baselineJson));
        await ThroughputAsync(16, TimeSpan.FromSeconds(1), (w, i) => store.AppendAsync(NewStream($"warm-s-{w}-{i}")));

        Console.WriteLine("single-event appends, 1 and 16 writers (store and baseline interleaved)...");
        var run = 0;
        var (ours1, ours16, base1, base16) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < scale.Rounds; round++)
        {
            var r = run++;
            await SettleAsync(dataSource);
            base1.Add(await ThroughputAsync(1, scale.RoundDuration, (w, i) => BaselineInsertAsync(dataSource, $"b{r}-{w}-{i}", baselineJson)));
            ours1.Add(await ThroughputAsync(1, scale.RoundDuration, (w, i) => store.AppendAsync(NewStream($"s{r}-{w}-{i}"))));
            base16.Add(await ThroughputAsync(16, scale.RoundDuration, (w, i) => BaselineInsertAsync(dataSource, $"B{r}-{w}-{i}", baselineJson)));
            ours16.Add(await ThroughputAsync(16, scale.RoundDuration, (w, i) => store.AppendAsync(NewStream($"S{r}-{w}-{i}"))));
        }

        results.Add("append_tps_1", BenchResults.Median(ours1), "tx/s");
        results.Add("baseline_tps_1", BenchResults.Median(base1), "tx/s");
        results.Add("append_tps_16", BenchResults.Median(ours16), "tx/s");
        results.Add("baseline_tps_16", BenchResults.Median(base16), "tx/s");
        results.Add("append_ratio_1", BenchResults.Median(ours1) / BenchResults.Median(base1), "ratio");
        results.Add("append_ratio_16", BenchResults.Median(ours16) / BenchResults.Median(base16), "ratio", Goal(BenchResults.Median(ours16) / BenchResults.Median(base16) >= 0.8, ">= 0.8"));

        Console.WriteLine("single-event appends to existing streams at their exact version, 16 writers...");
        var versions = new long[16];
        for (var w = 0; w < 16; w++)
        {
            versions[w] = (await store.AppendAsync(NewStream($"existing-{w}"))).StreamVersions[$"existing-{w}"];
        }

        await SettleAsync(dataSource);
        var existing = await ThroughputAsync(16, scale.RoundDuration, async (w, _) =>
        {
            var result = await store.AppendAsync(new StreamAppend($"existing-{w}", StreamType, "DE", ExpectedVersion.Exact(versions[w]), [NewEvent(1)]));
            versions[w] = result.StreamVersions[$"existing-{w}"];
        });
        results.Add("append_existing_tps_16", existing, "tx/s");

        Console.WriteLine($"batched appends of {BatchSize} events, {BatchWriters} writers, without and with snapshots...");
        var (plainBatches, snapshotBatches) = (new List<double>(), new List<double>());
        await BatchThroughputAsync(store, PlainStreamType, -1, scale.WarmUpDuration);
        await BatchThroughputAsync(store, StreamType, -1, scale.WarmUpDuration);
        for (var round = 0; round < scale.Rounds; round++)
        {
            await SettleAsync(dataSource);
            plainBatches.Add(await BatchThroughputAsync(store, PlainStreamType, round, scale.RoundDuration));
            await SettleAsync(dataSource);
            snapshotBatches.Add(await BatchThroughputAsync(store, StreamType, round, scale.RoundDuration));
        }

        var batchEventsPerSecond = BenchResults.Median(plainBatches);
        results.Add("batch_events_per_s", batchEventsPerSecond, "events/s", Goal(batchEventsPerSecond >= 50_000, ">= 50,000"));
        results.Add("batch_snapshot_events_per_s", BenchResults.Median(snapshotBatches), "events/s");

        Console.WriteLine($"aggregate loads from streams of 10, 1,000 and {scale.LargeStreamEvents:N0} events...");
        int[] sizes = [10, 1_000, scale.LargeStreamEvents];
        foreach (var size in sizes)
        {
            await FillStreamAsync(store, $"load-{size}", size);
        }

        await SettleAsync(dataSource);
        var loads = await MedianLoadMillisecondsAsync(store, sizes, scale.LoadRepetitions);
        for (var i = 0; i < sizes.Length; i++)
        {
            results.Add(sizes[i] == 100_000 ? "load_ms_100000" : $"load_ms_{sizes[i]}", loads[i], "ms",
                i == sizes.Length - 1 ? Goal(loads[i] <= loads[0] * 1.5, "<= 1.5 x load_ms_10") : "");
        }

        await SettleAsync(dataSource);
        Console.WriteLine("tailing the whole log...");
        var (tailed, tailSeconds) = await TimeAsync(async () =>
        {
            long count = 0;
            var cursor = LogCursor.Start;
            while (true)
            {
                var page = await store.ReadLogAsync(cursor, Store.MaxPageSize);
                if (page.Events.Count == 0)
                {
                    return count;
                }

                count += page.Events.Count;
                cursor = page.Next;
            }
        });
        results.Add("log_events", tailed, "events");
        results.Add("tail_events_per_s", tailed / tailSeconds, "events/s", Goal(tailed / tailSeconds >= 100_000, ">= 100,000"));

        Console.WriteLine("verifying every hash chain...");
        var (report, verifySeconds) = await TimeAsync(() => store.VerifyAsync());
        if (!report.IsClean)
        {
            throw new InvalidOperationException($"benchmark store does not verify: {report.FirstBreak}");
        }

        results.Add("verify_events_per_s", report.EventsChecked / verifySeconds, "events/s", Goal(report.EventsChecked / verifySeconds >= 100_000, ">= 100,000"));
        return results;
    }

    /// <summary>Each writer appends batches to its own stream; every batch of a snapshotted type crosses a snapshot interval.</summary>
    private static async Task<double> BatchThroughputAsync(Store store, string streamType, int round, TimeSpan duration)
    {
        var versions = new long[BatchWriters];
        var appendsPerSecond = await ThroughputAsync(versions.Length, duration, async (w, _) =>
        {
            var streamId = $"{streamType}-batch-{round}-{w}";
            var expected = versions[w] == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exact(versions[w]);
            var result = await store.AppendAsync(new StreamAppend(streamId, streamType, "DE", expected, NewEvents(BatchSize)));
            versions[w] = result.StreamVersions[streamId];
        });
        return appendsPerSecond * BatchSize;
    }

    /// <summary>
    /// Starts each measured phase from the same footing: the previous phase's dead rows vacuumed and
    /// a checkpoint taken now, so that neither autovacuum nor a checkpoint lands in the middle of the
    /// next measurement (on two cores an autovacuum worker visibly halves throughput). The
    /// checkpoint needs superuser (the local cluster's user is); elsewhere it is skipped.
    /// </summary>
    private static async Task SettleAsync(NpgsqlDataSource dataSource)
    {
        await using (var vacuum = dataSource.CreateCommand(
            "vacuum (analyze) eventstore.streams, eventstore.events, eventstore.snapshots, baseline.streams, baseline.events"))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        try
        {
            await using var command = dataSource.CreateCommand("checkpoint");
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // not allowed here: measure without it
        }
    }

    private static string Goal(bool met, string goal) => $"{goal} ({(met ? "met" : "NOT met")})";

    private static BenchEvent NewEvent(long i) => new(125_000_00 + i, "EUR", $"PAY-{i:D10}", new LocalDate(2026, 3, 31));

    private static object[] NewEvents(int count) => [.. Enumerable.Range(0, count).Select(i => (object)NewEvent(i))];

    private static StreamAppend NewStream(string streamId) => new(streamId, StreamType, "DE", ExpectedVersion.NoStream, [NewEvent(1)]);

    private static async Task FillStreamAsync(Store store, string streamId, int size)
    {
        long version = 0;
        while (version < size)
        {
            var count = (int)Math.Min(1_000, size - version);
            var expected = version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exact(version);
            version = (await store.AppendAsync(new StreamAppend(streamId, StreamType, "DE", expected, NewEvents(count)))).StreamVersions[streamId];
        }
    }

    /// <summary>
    /// Loads the streams in turn, one of each per repetition, so that a pause of the machine or the
    /// runtime falls on all sizes alike; reports each size's median load time.
    /// </summary>
    private static async Task<double[]> MedianLoadMillisecondsAsync(Store store, int[] sizes, int repetitions)
    {
        var samples = sizes.Select(_ => new List<double>()).ToArray();
        for (var r = -5; r < repetitions; r++)
        {
            for (var i = 0; i < sizes.Length; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                var loaded = await store.LoadAsync<BenchState>($"load-{sizes[i]}");
                var ms = stopwatch.Elapsed.TotalMilliseconds;
                if (loaded.State.Count != sizes[i])
                {
                    throw new InvalidOperationException($"load-{sizes[i]} loaded {loaded.State.Count} events, expected {sizes[i]}");
                }

                if (r >= 0)
                {
                    samples[i].Add(ms);
                }
            }
        }

        return [.. samples.Select(BenchResults.Median)];
    }

    private static async Task<double> ThroughputAsync(int writers, TimeSpan duration, Func<int, long, Task> operation)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            long done = 0;
            while (stopwatch.Elapsed < duration)
            {
                await operation(w, done);
                done++;
            }

            return done;
        })));
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<(T Result, double Seconds)> TimeAsync<T>(Func<Task<T>> action)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await action();
        return (result, stopwatch.Elapsed.TotalSeconds);
    }

    private static async Task BaselineInsertAsync(NpgsqlDataSource dataSource, string streamId, string json)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = DateTime.UtcNow;
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("insert into baseline.streams (id, type, country, version, created_at, updated_at) values ($1, 'bench', 'DE', 1, $2, $2)")
                {
                    Parameters = { new() { Value = streamId }, new() { Value = now } },
                },
                new("insert into baseline.events (id, stream_id, version, type, data, metadata, recorded_at, hash) values ($1, $2, 1, 'bench-event', $3::jsonb, '{}', $4, $5)")
                {
                    Parameters = { new() { Value = Guid.CreateVersion7() }, new() { Value = streamId }, new() { Value = json }, new() { Value = now }, new() { Value = BaselineHash } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static async Task CreateBaselineTablesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            create schema baseline;
            create table baseline.streams (id text primary key, type text not null, country char(2), version bigint not null,
                created_at timestamptz not null, updated_at timestamptz not null);
            create table baseline.events (position bigint generated always as identity primary key, id uuid not null,
                stream_id text not null, version bigint not null, type text not null, data jsonb not null, metadata jsonb not null,
                recorded_at timestamptz not null, tx_id xid8 not null default pg_current_xact_id(), hash bytea not null,
                unique (stream_id, version));
            """);
        await command.ExecuteNonQueryAsync();
    }
}

using Npgsql;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

public sealed class InlineProjectionTests(TestDatabase database) : StoreTestBase(database)
{
    [Fact]
    public async Task An_inline_projection_writes_its_rows_in_the_append_transaction()
    {
        var store = await NewStoreAsync([new BalanceProjection()]);
        await CreateBalanceTableAsync(store);
        var streamId = NewStreamId();

        await store.AppendAsync(Open(streamId));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 100, 20));

        (await Database.ScalarAsync<long>($"select balance_minor from {store.Schema.Quoted}.balances where stream_id = '{streamId}'")).ShouldBe(120);
    }

    [Fact]
    public async Task A_projection_that_throws_rolls_the_whole_append_back()
    {
        var store = await NewStoreAsync([new BalanceProjection(), new RefuseLargeDeposits()]);
        await CreateBalanceTableAsync(store);
        var first = "a-" + NewStreamId();
        var second = "b-" + NewStreamId();
        await store.AppendAsync(Open(first));

        await Should.ThrowAsync<InvalidOperationException>(() => store.AppendAsync(
            [Deposit(first, ExpectedVersion.Exact(1), 5), new StreamAppend(second, AccountType, "DE", ExpectedVersion.NoStream, [new AmountDeposited(1_000_000, Day)])]));

        (await store.ReadStreamAsync(first)).Count.ShouldBe(1);
        (await store.GetStreamAsync(second)).ShouldBeNull();
        (await store.GetStreamAsync(first))!.Version.ShouldBe(1);
        (await Database.ScalarAsync<long>($"select balance_minor from {store.Schema.Quoted}.balances where stream_id = '{first}'")).ShouldBe(0);
        (await Database.ScalarAsync<long>($"select count(*) from {store.Schema.Quoted}.balances where stream_id = '{second}'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_projections_planned_reads_run_with_the_events_and_see_them_before_statements_sent_alongside()
    {
        var schema = new SchemaName($"es_{Guid.NewGuid():N}"[..20]);
        var store = await NewStoreAsync([new VersionSeenByReads(schema)], schema: schema.Value);
        await CreateBalanceTableAsync(store);
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));
        var note = new NpgsqlBatchCommand($"insert into {schema.Quoted}.balances (stream_id, balance_minor) values ($1, -1)")
        {
            Parameters = { new() { Value = "note-" + streamId } },
        };

        await store.AppendAsync([Deposit(streamId, ExpectedVersion.Exact(1), 5, 6)], null, [note]);   // locks the stream row first
        (await Database.ScalarAsync<long>($"select balance_minor from {schema.Quoted}.balances where stream_id = '{streamId}'")).ShouldBe(3);
        (await Database.ScalarAsync<long>($"select balance_minor from {schema.Quoted}.balances where stream_id = 'note-{streamId}'")).ShouldBe(-1);

        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(3), 7));   // from the remembered tip, no lock round trip
        (await Database.ScalarAsync<long>($"select balance_minor from {schema.Quoted}.balances where stream_id = '{streamId}'")).ShouldBe(4);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // one round trip: the balance is the folded state's (the other path would write -1)
    public async Task Writes_sent_with_the_commit_land_with_the_events_and_a_failing_one_writes_nothing(bool plannedFromStates)
    {
        var store = await NewStoreAsync([plannedFromStates ? new BalanceFromStates() : new BalanceWrittenWithCommit()]);
        await CreateBalanceTableAsync(store);
        await Database.ExecuteAsync($"alter table {store.Schema.Quoted}.balances add check (balance_minor >= 0)");
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 100, 20));

        var overdrawn = new StreamAppend(streamId, AccountType, "DE", ExpectedVersion.Exact(3), [new AmountWithdrawn(500, Day)]);
        (await Should.ThrowAsync<PostgresException>(() => store.AppendAsync(overdrawn))).SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);

        (await store.GetStreamAsync(streamId))!.Version.ShouldBe(3);
        (await store.ReadStreamAsync(streamId)).Count.ShouldBe(3);
        (await Database.ScalarAsync<long>($"select balance_minor from {store.Schema.Quoted}.balances where stream_id = '{streamId}'")).ShouldBe(120);
        await store.AppendAsync(new StreamAppend(streamId, AccountType, "DE", ExpectedVersion.Exact(3), [new AmountWithdrawn(20, Day)]));
        (await Database.ScalarAsync<long>($"select balance_minor from {store.Schema.Quoted}.balances where stream_id = '{streamId}'")).ShouldBe(100);
    }

    [Fact]
    public async Task Writes_planned_for_an_append_whose_remembered_tip_has_moved_on_are_not_committed()
    {
        var schema = $"es_{Guid.NewGuid():N}"[..20];
        var store = await NewStoreAsync([new BalanceFromStates()], schema: schema);
        var otherProcess = await NewStoreAsync(schema: schema);
        await CreateBalanceTableAsync(store);
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));
        await otherProcess.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 40));
        var note = new NpgsqlBatchCommand($"insert into {store.Schema.Quoted}.balances (stream_id, balance_minor) values ($1, 1)")
        {
            Parameters = { new() { Value = "note-" + streamId } },
        };

        // The store remembers the stream at version 1: it plans its writes and sends them with the COMMIT.
        await Should.ThrowAsync<ConcurrencyException>(() => store.AppendAsync([Deposit(streamId, ExpectedVersion.Exact(1), 5)], null, [note]));

        (await Database.ScalarAsync<long>($"select balance_minor from {store.Schema.Quoted}.balances where stream_id = '{streamId}'")).ShouldBe(0);
        (await Database.ScalarAsync<long>($"select count(*) from {store.Schema.Quoted}.balances where stream_id = 'note-{streamId}'")).ShouldBe(0);
        (await store.ReadStreamAsync(streamId)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Only_an_inline_projections_context_takes_writes_with_the_commit()
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var context = new ProjectionContext(connection, transaction, new SchemaName("eventstore"));

        Should.Throw<InvalidOperationException>(() => context.WriteWithCommit(new NpgsqlBatchCommand("select 1")));
    }

    private Task<int> CreateBalanceTableAsync(EventStore store) =>
        Database.ExecuteAsync($"create table {store.Schema.Quoted}.balances (stream_id text primary key, balance_minor bigint not null)");

    private sealed class BalanceProjection : IInlineProjection
    {
        public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var recorded in events)
            {
                var delta = recorded.Data switch
                {
                    AmountDeposited d => d.AmountMinor,
                    AmountWithdrawn w => -w.AmountMinor,
                    _ => 0,
                };
                await using var command = context.CreateCommand($"""
                    insert into {context.Schema.Quoted}.balances (stream_id, balance_minor) values ($1, $2)
                    on conflict (stream_id) do update set balance_minor = balances.balance_minor + excluded.balance_minor
                    """);
                command.Parameters.Add(new() { Value = recorded.StreamId });
                command.Parameters.Add(new() { Value = delta });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>The balance projection again, its statements queued to go with the commit instead of executed.</summary>
    private sealed class BalanceWrittenWithCommit : IInlineProjection
    {
        public Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var recorded in events)
            {
                var delta = recorded.Data switch
                {
                    AmountDeposited d => d.AmountMinor,
                    AmountWithdrawn w => -w.AmountMinor,
                    _ => 0,
                };
                context.WriteWithCommit(new NpgsqlBatchCommand(
                    $"insert into {context.Schema.Quoted}.balances (stream_id, balance_minor) values ($1, 0) on conflict (stream_id) do nothing")
                {
                    Parameters = { new() { Value = recorded.StreamId } },
                });
                context.WriteWithCommit(new NpgsqlBatchCommand(
                    $"update {context.Schema.Quoted}.balances set balance_minor = balance_minor + $2 where stream_id = $1")
                {
                    Parameters = { new() { Value = recorded.StreamId }, new() { Value = delta } },
                });
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Each account's balance from the state its append folds to, planned before anything is sent;
    /// an append whose state the store does not know writes -1 instead, to tell the two paths apart.
    /// </summary>
    private sealed class BalanceFromStates : IInlineProjection
    {
        public IReadOnlyList<NpgsqlBatchCommand>? PlanWrites(SchemaName storeSchema, IReadOnlyList<PendingAppend> streams) =>
            streams.All(s => s.State is AccountState)
                ? [.. streams.Select(s => Upsert(storeSchema, s.Append.StreamId, ((AccountState)s.State!).BalanceMinor))]
                : null;

        public Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var streamId in events.Select(e => e.StreamId).Distinct())
            {
                context.WriteWithCommit(Upsert(context.Schema, streamId, -1));
            }

            return Task.CompletedTask;
        }

        private static NpgsqlBatchCommand Upsert(SchemaName schema, string streamId, long balance) => new($"""
            insert into {schema.Quoted}.balances (stream_id, balance_minor) values ($1, $2)
            on conflict (stream_id) do update set balance_minor = excluded.balance_minor
            """)
        {
            Parameters = { new() { Value = streamId }, new() { Value = balance } },
        };
    }

    private sealed class RefuseLargeDeposits : IInlineProjection
    {
        public Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken) =>
            events.Any(e => e.Data is AmountDeposited { AmountMinor: > 100_000 })
                ? throw new InvalidOperationException("read model refuses this deposit")
                : Task.CompletedTask;
    }

    /// <summary>Reads each appended stream's version with the events' write and stores what it saw.</summary>
    private sealed class VersionSeenByReads(SchemaName schema) : IInlineProjection
    {
        public ProjectionReads PlanReads(IReadOnlyList<StreamAppend> appends) => new StreamVersions(schema, [.. appends.Select(a => a.StreamId)]);

        public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var (streamId, version) in ((StreamVersions)context.Reads!).Seen)
            {
                await using var command = context.CreateCommand($"""
                    insert into {context.Schema.Quoted}.balances (stream_id, balance_minor) values ($1, $2)
                    on conflict (stream_id) do update set balance_minor = excluded.balance_minor
                    """);
                command.Parameters.Add(new() { Value = streamId });
                command.Parameters.Add(new() { Value = version });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        private sealed class StreamVersions(SchemaName schema, string[] streamIds) : ProjectionReads
        {
            public Dictionary<string, long> Seen { get; } = [];

            public override IReadOnlyList<NpgsqlBatchCommand> Commands { get; } =
                [new($"select id, version from {schema.Quoted}.streams where id = any($1)") { Parameters = { new() { Value = streamIds } } }];

            public override void ReadRow(int command, NpgsqlDataReader row) => Seen[row.GetString(0)] = row.GetInt64(1);
        }
    }
}

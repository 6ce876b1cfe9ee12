using Npgsql;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

public sealed class AppendTests(TestDatabase database) : StoreTestBase(database)
{
    [Fact]
    public async Task An_append_to_a_new_stream_records_version_position_metadata_transaction_and_hash()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();

        var result = await store.AppendAsync(
            [new StreamAppend(streamId, AccountType, "DE", ExpectedVersion.NoStream, [new AccountOpened("Ada", "EUR"), new AmountDeposited(500, Day)])],
            new EventMetadata(correlationId: "corr-1", causationId: "cmd-1", actor: "manager@de"));

        result.StreamVersions[streamId].ShouldBe(2);
        var stored = await store.ReadStreamAsync(streamId);
        stored.Select(e => e.Version).ShouldBe([1L, 2L]);
        stored.Select(e => e.Alias).ShouldBe(["account-opened", "amount-deposited"]);
        stored[1].Data.ShouldBe(new AmountDeposited(500, Day));
        stored[0].Metadata.ShouldBe(new EventMetadata("corr-1", "cmd-1", "manager@de"));
        stored[0].RecordedAt.ShouldBe(Clock.GetCurrentInstant());
        stored[1].Position.ShouldBeGreaterThan(stored[0].Position);
        stored[0].TxId.ShouldBe(stored[1].TxId);
        stored[0].TxId.ShouldBeGreaterThan(0UL);
        stored[0].Hash.Length.ShouldBe(32);
        stored.Select(e => e.Position).ShouldBe(result.Events.Select(e => e.Position));
        var info = (await store.GetStreamAsync(streamId))!;
        (info.Type, info.Country, info.Version, info.Archived).ShouldBe((AccountType, "DE", 2L, false));
        info.HeadHash.ShouldBe(stored[1].Hash);
    }

    [Fact]
    public async Task Exact_and_any_expectations_append_after_the_current_version()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));

        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 10));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Any, 20, 30));
        await store.AppendAsync(Deposit(NewStreamId(), ExpectedVersion.Any, 5));

        (await store.ReadStreamAsync(streamId)).Select(e => e.Version).ShouldBe([1L, 2L, 3L, 4L]);
    }

    [Fact]
    public async Task A_stale_expected_version_raises_a_concurrency_exception_naming_stream_expected_and_actual()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));
        await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 10));

        var stale = await Should.ThrowAsync<ConcurrencyException>(() => store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 99)));
        var duplicate = await Should.ThrowAsync<ConcurrencyException>(() => store.AppendAsync(Open(streamId)));
        var missing = await Should.ThrowAsync<ConcurrencyException>(() => store.AppendAsync(Deposit(NewStreamId(), ExpectedVersion.Exact(3), 1)));

        (stale.StreamId, stale.Expected, stale.ActualVersion).ShouldBe((streamId, ExpectedVersion.Exact(1), 2L));
        (duplicate.Expected, duplicate.ActualVersion).ShouldBe((ExpectedVersion.NoStream, 2L));
        missing.ActualVersion.ShouldBe(0);
        stale.Message.ShouldContain(streamId);
        (await store.ReadStreamAsync(streamId)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_failure_on_the_second_stream_leaves_the_first_untouched()
    {
        var store = await NewStoreAsync();
        var first = "a-" + NewStreamId();
        var second = "b-" + NewStreamId();
        await store.AppendAsync(Open(first));
        await store.AppendAsync(Open(second));

        await Should.ThrowAsync<ConcurrencyException>(() => store.AppendAsync(
            [Deposit(first, ExpectedVersion.Exact(1), 100), Deposit(second, ExpectedVersion.Exact(7), 100)]));

        (await store.ReadStreamAsync(first)).Count.ShouldBe(1);
        (await store.GetStreamAsync(first))!.Version.ShouldBe(1);
        (await store.ReadStreamAsync(second)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_new_stream_that_loses_its_creation_race_leaves_the_other_streams_of_its_append_untouched()
    {
        var store = await NewStoreAsync();
        var existing = "a-" + NewStreamId();
        var contested = "b-" + NewStreamId();
        await store.AppendAsync(Open(existing));
        await store.AppendAsync(Open(contested, "winner"));

        var lost = await Should.ThrowAsync<ConcurrencyException>(() => store.AppendAsync(
            [Deposit(existing, ExpectedVersion.Exact(1), 100), Open(contested, "loser")]));

        lost.StreamId.ShouldBe(contested);
        (await store.ReadStreamAsync(existing)).Count.ShouldBe(1);
        ((AccountOpened)(await store.ReadStreamAsync(contested))[0].Data).Owner.ShouldBe("winner");
    }

    [Fact]
    public async Task Of_many_writers_racing_at_the_same_expected_version_exactly_one_wins()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), i + 1));
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        })));

        outcomes.Count(won => won).ShouldBe(1);
        (await store.ReadStreamAsync(streamId)).Count.ShouldBe(2);
        (await store.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task Many_writers_creating_the_same_stream_produce_one_stream_and_typed_losses()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.AppendAsync(Open(streamId, $"owner-{i}"));
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        })));

        outcomes.Count(won => won).ShouldBe(1);
        (await store.ReadStreamAsync(streamId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Writers_appending_with_any_never_lose_an_event_and_get_consecutive_versions()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.AppendAsync(Deposit(streamId, ExpectedVersion.Any, i)))));

        (await store.ReadStreamAsync(streamId)).Select(e => e.Version).ShouldBe(Enumerable.Range(1, 20).Select(v => (long)v));
        (await store.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task An_archived_stream_refuses_appends()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));

        await store.ArchiveStreamAsync(streamId);

        var refused = await Should.ThrowAsync<StreamArchivedException>(() => store.AppendAsync(Deposit(streamId, ExpectedVersion.Exact(1), 1)));
        refused.StreamId.ShouldBe(streamId);
        await Should.ThrowAsync<StreamArchivedException>(() => store.AppendAsync(Deposit(streamId, ExpectedVersion.Any, 1)));
        await Should.ThrowAsync<StreamNotFoundException>(() => store.ArchiveStreamAsync(NewStreamId()));
        (await store.GetStreamAsync(streamId))!.Archived.ShouldBeTrue();
    }

    [Fact]
    public async Task Appending_with_another_stream_type_or_country_is_refused()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));

        await Should.ThrowAsync<StreamTypeMismatchException>(() => store.AppendAsync(
            new StreamAppend(streamId, "fund", "DE", ExpectedVersion.Exact(1), [new AmountDeposited(1, Day)])));
        await Should.ThrowAsync<StreamTypeMismatchException>(() => store.AppendAsync(
            new StreamAppend(streamId, AccountType, "KE", ExpectedVersion.Exact(1), [new AmountDeposited(1, Day)])));
        (await store.ReadStreamAsync(streamId)).Count.ShouldBe(1);
    }

    [Fact]
    public void Bad_appends_are_refused_before_touching_the_database()
    {
        Should.Throw<ArgumentException>(() => new StreamAppend(new string('x', StreamAppend.MaxStreamIdLength + 1), AccountType, "DE", ExpectedVersion.Any, [new AccountOpened("a", "EUR")]))
            .Message.ShouldContain("1-200");
        Should.Throw<ArgumentException>(() => new StreamAppend("", AccountType, "DE", ExpectedVersion.Any, [new AccountOpened("a", "EUR")]));
        Should.Throw<ArgumentException>(() => new StreamAppend("s", AccountType, "DE", ExpectedVersion.Any, []))
            .Message.ShouldContain("at least one event");
        Should.Throw<ArgumentException>(() => new StreamAppend("s", AccountType, "germany", ExpectedVersion.Any, [new AccountOpened("a", "EUR")]));
        Should.Throw<ArgumentOutOfRangeException>(() => ExpectedVersion.Exact(-1));
    }

    [Fact]
    public async Task Bad_append_calls_are_refused_and_write_nothing()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();

        await Should.ThrowAsync<ArgumentException>(() => store.AppendAsync([]));
        await Should.ThrowAsync<ArgumentException>(() => store.AppendAsync([Open(streamId), Deposit(streamId, ExpectedVersion.Any, 1)]));
        await Should.ThrowAsync<UnknownEventTypeException>(() => store.AppendAsync(
            new StreamAppend(streamId, AccountType, "DE", ExpectedVersion.NoStream, [new { Unregistered = true }])));

        (await store.GetStreamAsync(streamId)).ShouldBeNull();
    }

    [Fact]
    public async Task A_clock_reading_with_nanoseconds_is_stored_and_hashed_at_microsecond_precision()
    {
        var store = await NewStoreAsync();
        Clock.Advance(NodaTime.Duration.FromNanoseconds(1_234_567));
        var streamId = NewStreamId();

        var result = await store.AppendAsync(Open(streamId));

        var stored = (await store.ReadStreamAsync(streamId))[0];
        stored.RecordedAt.ShouldBe(result.Events[0].RecordedAt);
        (stored.RecordedAt.ToUnixTimeTicks() % 10).ShouldBe(0);
        (await store.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task The_database_refuses_a_second_event_at_the_same_stream_version()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        await store.AppendAsync(Open(streamId));

        var duplicate = await Should.ThrowAsync<PostgresException>(() => Database.ExecuteAsync($$"""
            insert into {{store.Schema.Quoted}}.events (id, stream_id, version, type, data, metadata, recorded_at, hash)
            values (gen_random_uuid(), '{{streamId}}', 1, 'account-opened', '{}', '{}', now(), '\x00')
            """));
        duplicate.SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
    }

    [Fact]
    public async Task Statements_sent_alongside_commit_with_the_events_or_take_them_down()
    {
        var store = await NewStoreAsync();
        await using (var create = Database.DataSource.CreateCommand($"create table {store.Schema.Quoted}.receipts (key text primary key)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var streamId = NewStreamId();
        NpgsqlBatchCommand Receipt(string key) => new($"insert into {store.Schema.Quoted}.receipts (key) values ($1)") { Parameters = { new() { Value = key } } };

        await store.AppendAsync([Open(streamId)], null, [Receipt("first")]);
        await Should.ThrowAsync<PostgresException>(() => store.AppendAsync([Deposit(streamId, ExpectedVersion.Exact(1), 5)], null, [Receipt("first")]));

        (await store.ReadStreamAsync(streamId)).Count.ShouldBe(1);
        await using var count = Database.DataSource.CreateCommand($"select count(*) from {store.Schema.Quoted}.receipts");
        (await count.ExecuteScalarAsync()).ShouldBe(1L);
        await store.AppendAsync([Deposit(streamId, ExpectedVersion.Exact(1), 5)], null, [Receipt("second")]);
        (await store.ReadStreamAsync(streamId)).Count.ShouldBe(2);
    }
}

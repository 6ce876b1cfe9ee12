using StartupFund.EventStore.Hashing;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

/// <summary>Each test tampers with the stored rows directly through SQL, as an insider with database access could.</summary>
public sealed class HashChainTests(TestDatabase database) : StoreTestBase(database)
{
    private const string Victim = "account-victim";
    private const string Bystander = "account-bystander";

    [Fact]
    public async Task An_untouched_store_verifies_clean()
    {
        var store = await SeededStoreAsync();

        var report = await store.VerifyAsync();

        report.IsClean.ShouldBeTrue();
        (report.StreamsChecked, report.EventsChecked).ShouldBe((2L, 10L));
    }

    [Theory]
    [InlineData("data = jsonb_set(data, '{amountMinor}', '101')", "hash does not match")]
    [InlineData("data = jsonb_set(data, '{valueDate}', '\"2026-03-30\"')", "hash does not match")]
    [InlineData("metadata = jsonb_set(metadata, '{actor}', '\"mallory\"')", "hash does not match")]
    [InlineData("type = 'amount-withdrawn'", "hash does not match")]
    [InlineData("recorded_at = recorded_at - interval '1 microsecond'", "hash does not match")]
    [InlineData("id = gen_random_uuid()", "hash does not match")]
    public async Task A_changed_field_is_located_at_its_stream_and_version(string change, string reason)
    {
        var store = await SeededStoreAsync();

        await Database.ExecuteAsync($"update {store.Schema.Quoted}.events set {change} where stream_id = '{Victim}' and version = 3");

        var report = await store.VerifyAsync();
        report.Breaks.Count.ShouldBe(1);
        report.FirstBreak.ShouldNotBeNull();
        (report.FirstBreak.StreamId, report.FirstBreak.Version).ShouldBe((Victim, 3L));
        report.FirstBreak.Reason.ShouldContain(reason);
    }

    [Theory]
    [InlineData("country = 'KE'")]
    [InlineData("country = null")]
    [InlineData("type = 'loan'")]
    public async Task A_stream_moved_to_another_country_or_type_is_located_at_its_first_event(string change)
    {
        var store = await SeededStoreAsync();

        // The country decides which regulator sees a stream, so relabelling one is rewriting history too.
        await Database.ExecuteAsync($"update {store.Schema.Quoted}.streams set {change} where id = '{Victim}'");

        var report = await store.VerifyAsync();
        report.Breaks.Count.ShouldBe(1);
        (report.FirstBreak!.StreamId, report.FirstBreak.Version).ShouldBe((Victim, 1L));
        report.FirstBreak.Reason.ShouldContain("the stream's identity (id, type, country)");
    }

    [Fact]
    public async Task A_store_hashed_before_stream_identities_were_chained_is_named_as_such()
    {
        var store = await SeededStoreAsync();
        var opened = await Database.ScalarAsync<string>(
            $"select e.id::text from {store.Schema.Quoted}.events e where e.stream_id = '{Victim}' and e.version = 1");
        var row = await Database.ScalarAsync<string>(
            $"select json_build_object('type', type, 'data', data::text, 'metadata', metadata::text, 'micros', (extract(epoch from recorded_at) * 1000000)::bigint)::text from {store.Schema.Quoted}.events where stream_id = '{Victim}' and version = 1");
        var fields = System.Text.Json.JsonDocument.Parse(row!).RootElement;
        var legacy = EventHash.Compute(EventHash.LegacyGenesis, Guid.Parse(opened!), Victim, 1, fields.GetProperty("type").GetString()!,
            Serialization.CanonicalJson.Canonicalize(fields.GetProperty("data").GetString()!),
            Serialization.CanonicalJson.Canonicalize(fields.GetProperty("metadata").GetString()!), fields.GetProperty("micros").GetInt64());
        await Database.ExecuteAsync($"update {store.Schema.Quoted}.events set hash = '\\x{Convert.ToHexStringLower(legacy)}' where stream_id = '{Victim}' and version = 1");

        var report = await store.VerifyAsync();
        (report.FirstBreak!.StreamId, report.FirstBreak.Version).ShouldBe((Victim, 1L));
        report.FirstBreak.Reason.ShouldContain("hashed without the stream's identity");
    }

    [Fact]
    public async Task A_single_byte_flipped_in_the_stored_data_is_detected()
    {
        var store = await SeededStoreAsync();

        // a digit inside the amount, 200 -> 300, via the text form
        await Database.ExecuteAsync($"update {store.Schema.Quoted}.events set data = replace(data::text, '200', '300')::jsonb where stream_id = '{Victim}' and version = 3");

        (await store.VerifyAsync()).FirstBreak!.Version.ShouldBe(3);
    }

    [Fact]
    public async Task A_deleted_event_is_located()
    {
        var store = await SeededStoreAsync();

        await Database.ExecuteAsync($"delete from {store.Schema.Quoted}.events where stream_id = '{Victim}' and version = 2");

        var report = await store.VerifyAsync();
        (report.FirstBreak!.StreamId, report.FirstBreak.Version).ShouldBe((Victim, 2L));
        report.FirstBreak.Reason.ShouldContain("missing");
    }

    [Fact]
    public async Task A_deleted_last_event_is_located_even_though_the_remaining_chain_is_intact()
    {
        var store = await SeededStoreAsync();

        await Database.ExecuteAsync($"delete from {store.Schema.Quoted}.events where stream_id = '{Victim}' and version = 5");

        var report = await store.VerifyAsync();
        (report.FirstBreak!.StreamId, report.FirstBreak.Version).ShouldBe((Victim, 5L));
    }

    [Fact]
    public async Task Two_swapped_versions_are_located()
    {
        var store = await SeededStoreAsync();
        var events = $"{store.Schema.Quoted}.events";

        await Database.ExecuteAsync($"""
            update {events} set version = -version where stream_id = '{Victim}' and version in (2, 4);
            """.Replace("-version", "version + 1000", StringComparison.Ordinal));
        await Database.ExecuteAsync($"update {events} set version = 4 where stream_id = '{Victim}' and version = 1002");
        await Database.ExecuteAsync($"update {events} set version = 2 where stream_id = '{Victim}' and version = 1004");

        var report = await store.VerifyAsync();
        (report.FirstBreak!.StreamId, report.FirstBreak.Version).ShouldBe((Victim, 2L));
    }

    [Fact]
    public async Task Events_whose_stream_row_was_deleted_are_located()
    {
        var store = await SeededStoreAsync();

        await Database.ExecuteAsync($"delete from {store.Schema.Quoted}.streams where id = '{Victim}'");

        var report = await store.VerifyAsync();
        (report.FirstBreak!.StreamId, report.FirstBreak.Version).ShouldBe((Victim, 1L));
        report.FirstBreak.Reason.ShouldContain("stream row is missing");
        (await store.VerifyAsync(VerificationScope.Stream(Victim))).IsClean.ShouldBeFalse();
        (await store.VerifyAsync(VerificationScope.Stream(Bystander))).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task A_rewritten_stream_head_is_detected()
    {
        var store = await SeededStoreAsync();

        await Database.ExecuteAsync($"update {store.Schema.Quoted}.streams set head_hash = '\\x00' where id = '{Victim}'");

        var report = await store.VerifyAsync();
        (report.FirstBreak!.StreamId, report.FirstBreak.Version).ShouldBe((Victim, 5L));
        report.FirstBreak.Reason.ShouldContain("head hash");
    }

    [Fact]
    public async Task Verification_can_be_limited_to_one_stream_or_one_country()
    {
        var store = await SeededStoreAsync();
        await Database.ExecuteAsync($"update {store.Schema.Quoted}.events set type = 'amount-withdrawn' where stream_id = '{Victim}' and version = 3");

        (await store.VerifyAsync(VerificationScope.Stream(Bystander))).IsClean.ShouldBeTrue();
        (await store.VerifyAsync(VerificationScope.Stream(Victim))).IsClean.ShouldBeFalse();
        (await store.VerifyAsync(VerificationScope.ForCountry("KE"))).IsClean.ShouldBeTrue();
        (await store.VerifyAsync(VerificationScope.ForCountry("DE"))).FirstBreak!.StreamId.ShouldBe(Victim);
    }

    [Fact]
    public async Task A_hash_recomputed_from_stored_rows_equals_the_hash_computed_at_append()
    {
        var store = await NewStoreAsync();
        var streamId = NewStreamId();
        var appended = await store.AppendAsync(
            new StreamAppend(streamId, AccountType, "DE", ExpectedVersion.NoStream, [new AccountOpened("Zoë \"quoted\" \\ \u0001 名前 🚀", "EUR")]),
            new EventMetadata(actor: "ünïcödé"));

        var stored = (await store.ReadStreamAsync(streamId))[0];

        stored.Hash.ShouldBe(appended.Events[0].Hash);
        (await store.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    private async Task<EventStore> SeededStoreAsync()
    {
        var store = await NewStoreAsync();
        var metadata = new EventMetadata(correlationId: "c-1", actor: "manager");
        await store.AppendAsync(Open(Victim), metadata);
        await store.AppendAsync(Deposit(Victim, ExpectedVersion.Exact(1), 100, 200, 300, 400), metadata);
        await store.AppendAsync(new StreamAppend(Bystander, AccountType, "KE", ExpectedVersion.NoStream, [new AccountOpened("Wanjiru", "KES")]), metadata);
        await store.AppendAsync(new StreamAppend(Bystander, AccountType, "KE", ExpectedVersion.Exact(1), [.. Enumerable.Repeat((object)new AmountDeposited(7, Day), 4)]), metadata);
        return store;
    }
}

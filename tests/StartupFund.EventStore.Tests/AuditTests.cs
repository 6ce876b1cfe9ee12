using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StartupFund.EventStore.Audit;
using StartupFund.EventStore.Hashing;
using StartupFund.EventStore.Schema;
using StartupFund.Testing;

namespace StartupFund.EventStore.Tests;

public sealed class AuditTests(TestDatabase database) : StoreTestBase(database)
{
    [Fact]
    public async Task A_digest_proves_later_that_the_log_still_begins_with_the_same_events()
    {
        var store = await SeededStoreAsync();
        var earlier = await ReadyDigestAsync(store, expectedEvents: 8);

        await store.AppendAsync(Deposit("de-1", ExpectedVersion.Exact(4), 5));

        (await store.ExtendsAsync(earlier)).ShouldBeTrue();
        (await ReadyDigestAsync(store, expectedEvents: 9)).Sha256.ShouldNotBe(earlier.Sha256);
    }

    [Fact]
    public async Task The_readable_events_are_counted_for_everything_or_one_country()
    {
        var store = await SeededStoreAsync();
        await ReadyDigestAsync(store, expectedEvents: 8);

        (await store.CountReadableEventsAsync()).ShouldBe(8);
        (await store.CountReadableEventsAsync("KE")).ShouldBe(3);
        await Should.ThrowAsync<ArgumentException>(() => store.CountReadableEventsAsync("Kenya"));
    }

    [Fact]
    public async Task A_digest_exposes_an_insider_who_rewrote_a_stream_and_recomputed_every_hash()
    {
        var store = await SeededStoreAsync();
        var earlier = await ReadyDigestAsync(store, expectedEvents: 8);

        await RewriteWithValidHashesAsync(store, "de-1", version: 2, amountMinor: 1);

        (await store.VerifyAsync()).IsClean.ShouldBeTrue();      // the chain alone cannot tell
        (await store.ExtendsAsync(earlier)).ShouldBeFalse();     // the digest kept elsewhere can
    }

    [Fact]
    public async Task A_digest_check_fails_when_an_events_content_was_edited_under_its_old_hash()
    {
        var store = await SeededStoreAsync();
        var earlier = await ReadyDigestAsync(store, expectedEvents: 8);
        var keCountry = await ReadyDigestAsync(store, expectedEvents: 3, country: "KE");

        // The stored hashes are untouched, so they still fold to the kept digest: only the content betrays the edit.
        await Database.ExecuteAsync($"update {store.Schema.Quoted}.events set data = jsonb_set(data, '{{amountMinor}}', '1') where stream_id = 'de-1' and version = 2");

        (await store.ComputeDigestAsync()).ShouldBe(earlier);
        (await store.ExtendsAsync(earlier)).ShouldBeFalse();
        (await store.ExtendsAsync(keCountry, "KE")).ShouldBeTrue();
    }

    [Fact]
    public async Task An_export_verifies_offline_from_the_file_alone()
    {
        var store = await SeededStoreAsync();

        var (lines, digest) = await ExportAsync(store);
        var report = await VerifyFileAsync(lines);

        report.IsClean.ShouldBeTrue(string.Join("; ", report.Breaks));
        (report.EventsChecked, report.StreamsChecked).ShouldBe((8L, 3L));
        report.Recomputed.ShouldBe(digest);
        lines.Count.ShouldBe(1 + 8 + 3 + 1);
        digest.ShouldBe(await ReadyDigestAsync(store, expectedEvents: 8));
    }

    [Fact]
    public async Task A_country_export_holds_only_that_countrys_streams()
    {
        var store = await SeededStoreAsync();

        var (lines, digest) = await ExportAsync(store, "KE");

        digest.Events.ShouldBe(3);
        lines.Where(l => l.Contains("\"kind\":\"event\"", StringComparison.Ordinal)).ShouldAllBe(l => l.Contains("\"country\":\"KE\"", StringComparison.Ordinal));
        (await VerifyFileAsync(lines)).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task An_edited_line_is_detected_and_located()
    {
        var (lines, _) = await ExportAsync(await SeededStoreAsync());
        var target = EventLineIndex(lines, "de-1", 3);

        lines[target] = lines[target].Replace("\"amountMinor\":200", "\"amountMinor\":2000", StringComparison.Ordinal);

        var report = await VerifyFileAsync(lines);
        report.Breaks[0].ShouldBe(new FileBreak(target + 1, "de-1", 3, "hash does not match the event's content and its predecessor"));
    }

    [Theory]
    [InlineData("\"country\":\"DE\"", "\"country\":\"KE\"")]
    [InlineData("\"streamType\":\"account\"", "\"streamType\":\"loan\"")]
    public async Task A_stream_relabelled_on_every_line_is_detected_at_its_first_event(string label, string relabel)
    {
        var (lines, _) = await ExportAsync(await SeededStoreAsync());
        var first = EventLineIndex(lines, "de-1", 1);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Contains("\"streamId\":\"de-1\"", StringComparison.Ordinal))
            {
                lines[i] = lines[i].Replace(label, relabel, StringComparison.Ordinal);
            }
        }

        var report = await VerifyFileAsync(lines);
        report.Breaks[0].ShouldBe(new FileBreak(first + 1, "de-1", 1, "hash does not match the event's content and the stream's identity (id, type, country)"));
    }

    [Fact]
    public async Task A_deleted_line_is_detected_and_located()
    {
        var (lines, _) = await ExportAsync(await SeededStoreAsync());
        var target = EventLineIndex(lines, "de-1", 2);

        lines.RemoveAt(target);

        var report = await VerifyFileAsync(lines);
        (report.Breaks[0].Line, report.Breaks[0].StreamId, report.Breaks[0].Version).ShouldBe((target + 1, "de-1", 3L));
        report.Breaks[0].Reason.ShouldContain("expected version 2");
        report.Breaks.ShouldContain(b => b.Reason.Contains("digest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_last_event_of_a_stream_is_located_by_its_head()
    {
        var (lines, _) = await ExportAsync(await SeededStoreAsync());

        lines.RemoveAt(EventLineIndex(lines, "ke-1", 3));

        var report = await VerifyFileAsync(lines);
        report.Breaks.ShouldContain(b => b.StreamId == "ke-1" && b.Version == 3 && b.Reason.Contains("head", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_reordered_lines_are_detected_and_located()
    {
        var (lines, _) = await ExportAsync(await SeededStoreAsync());
        var first = EventLineIndex(lines, "de-1", 2);

        (lines[first], lines[first + 1]) = (lines[first + 1], lines[first]);

        var report = await VerifyFileAsync(lines);
        report.Breaks[0].Line.ShouldBe(first + 1);
        report.Breaks[0].StreamId.ShouldBe("de-1");
    }

    [Fact]
    public async Task An_inserted_line_is_detected_and_located()
    {
        var (lines, _) = await ExportAsync(await SeededStoreAsync());
        var copied = EventLineIndex(lines, "de-2", 1);

        lines.Insert(copied + 1, lines[copied]);

        var report = await VerifyFileAsync(lines);
        report.Breaks[0].Line.ShouldBe(copied + 2);
        report.Breaks[0].StreamId.ShouldBe("de-2");
    }

    [Fact]
    public async Task A_truncated_file_or_a_line_that_is_not_json_is_reported()
    {
        var (lines, _) = await ExportAsync(await SeededStoreAsync());

        var truncated = await VerifyFileAsync(lines[..^1]);
        var garbled = await VerifyFileAsync([.. lines[..3], "{not json", .. lines[3..]]);

        truncated.Breaks.ShouldContain(b => b.Reason.Contains("digest line is missing", StringComparison.Ordinal));
        garbled.Breaks[0].Line.ShouldBe(4);
        garbled.Breaks[0].Reason.ShouldContain("not JSON");
    }

    [Fact]
    public async Task A_file_rewritten_wholesale_verifies_alone_but_not_against_a_digest_kept_elsewhere()
    {
        var store = await SeededStoreAsync();
        var (lines, trusted) = await ExportAsync(store);

        var forged = Rehash(lines, "de-1", 2, amountMinor: 1);

        (await VerifyFileAsync(forged)).IsClean.ShouldBeTrue();
        var report = await VerifyFileAsync(forged, trusted);
        report.IsClean.ShouldBeFalse();
        report.Breaks[0].Reason.ShouldContain("trusted digest");
        (await VerifyFileAsync(lines, trusted)).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task An_import_into_an_empty_store_reproduces_the_log_and_its_digest()
    {
        var source = await SeededStoreAsync();
        var (lines, digest) = await ExportAsync(source);
        var target = await NewStoreAsync();

        var imported = await target.ImportAsync(new StringReader(string.Join('\n', lines)));

        imported.ShouldBe(digest with { CoveredUpTo = imported.CoveredUpTo });
        (await target.VerifyAsync()).IsClean.ShouldBeTrue();
        var again = await ReadyDigestAsync(target, expectedEvents: 8);
        again.Sha256.ShouldBe(digest.Sha256);
        (await target.ReadStreamAsync("de-1")).Select(e => (e.EventId, e.Data, e.Hash.Length)).ShouldBe(
            (await source.ReadStreamAsync("de-1")).Select(e => (e.EventId, e.Data, e.Hash.Length)));
        (await target.GetStreamAsync("ke-1"))!.Country.ShouldBe("KE");
        (await target.LoadAsync<AccountState>("de-1")).State.ShouldBe((await source.LoadAsync<AccountState>("de-1")).State);
        await target.AppendAsync(Deposit("de-1", ExpectedVersion.Exact(4), 1));       // and it carries on as a live store
        (await target.VerifyAsync()).IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task A_file_exported_before_streams_identities_were_hashed_still_verifies_but_is_not_imported()
    {
        var (lines, _) = await ExportAsync(await SeededStoreAsync());
        var archive = Rehash(lines, "none", 0, 0, formatVersion: 1);

        (await VerifyFileAsync(archive)).IsClean.ShouldBeTrue("an auditor's archive of format 1 stays checkable");
        var relabelled = archive.Select(l => l.Replace("\"country\":\"KE\"", "\"country\":\"DE\"", StringComparison.Ordinal)).ToList();
        (await VerifyFileAsync(relabelled)).IsClean.ShouldBeTrue("format 1 did not cover a stream's country: the reason for format 2");
        var claimsTwo = archive.Select(l => l.Replace("\"formatVersion\":1", "\"formatVersion\":2", StringComparison.Ordinal)).ToList();
        (await VerifyFileAsync(claimsTwo)).IsClean.ShouldBeFalse();

        var target = await NewStoreAsync();
        var refused = await Should.ThrowAsync<ImportRefusedException>(() => target.ImportAsync(new StringReader(string.Join('\n', archive))));
        refused.Message.ShouldContain("format version 1");
        (await target.VerifyAsync()).EventsChecked.ShouldBe(0);
    }

    [Fact]
    public async Task A_tampered_file_is_refused_by_import_and_nothing_is_written()
    {
        var (lines, _) = await ExportAsync(await SeededStoreAsync());
        var target = await NewStoreAsync();
        var last = EventLineIndex(lines, "ke-1", 3);
        lines[last] = lines[last].Replace("\"amountMinor\":7", "\"amountMinor\":70", StringComparison.Ordinal);

        var refused = await Should.ThrowAsync<ImportRefusedException>(() => target.ImportAsync(new StringReader(string.Join('\n', lines))));

        refused.Breaks[0].StreamId.ShouldBe("ke-1");
        (await target.ComputeDigestAsync()).Events.ShouldBe(0);
        (await Database.ScalarAsync<long>($"select count(*) from {target.Schema.Quoted}.streams")).ShouldBe(0);
    }

    [Fact]
    public async Task An_import_into_a_store_that_is_not_empty_is_refused()
    {
        var (lines, _) = await ExportAsync(await SeededStoreAsync());
        var target = await NewStoreAsync();
        await target.AppendAsync(Open("already-here"));

        var refused = await Should.ThrowAsync<ImportRefusedException>(() => target.ImportAsync(new StringReader(string.Join('\n', lines))));

        refused.Message.ShouldContain("not empty");
        (await ReadyDigestAsync(target, expectedEvents: 1)).Events.ShouldBe(1);
    }

    private async Task<EventStore> SeededStoreAsync()
    {
        var store = await NewStoreAsync();
        var metadata = new EventMetadata(correlationId: "c-1", actor: "manager");
        await store.AppendAsync(Open("de-1"), metadata);
        await store.AppendAsync(Deposit("de-1", ExpectedVersion.Exact(1), 100, 200, 300), metadata);
        await store.AppendAsync([Open("de-2", "Bo"), new StreamAppend("ke-1", AccountType, "KE", ExpectedVersion.NoStream, [new AccountOpened("Wanjiru", "KES")])], metadata);
        await store.AppendAsync(new StreamAppend("ke-1", AccountType, "KE", ExpectedVersion.Exact(1), [new AmountDeposited(5, Day), new AmountDeposited(7, Day)]), metadata);
        return store;
    }

    /// <summary>The horizon is cluster-wide: other tests' transactions may hold it back for a moment.</summary>
    private static async Task<LogDigest> ReadyDigestAsync(EventStore store, long expectedEvents, string? country = null)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var digest = await store.ComputeDigestAsync(country);
            if (digest.Events == expectedEvents)
            {
                return digest;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"the log did not reach {expectedEvents} readable events");
    }

    private static async Task<(List<string> Lines, LogDigest Digest)> ExportAsync(EventStore store, string? country = null)
    {
        var expected = country is null ? 8 : 3;
        await ReadyDigestAsync(store, 8);
        using var output = new MemoryStream();
        var digest = await store.ExportAsync(output, country);
        digest.Events.ShouldBe(expected);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        return (lines, digest);
    }

    private static Task<ExportVerificationReport> VerifyFileAsync(IEnumerable<string> lines, LogDigest? trusted = null) =>
        ExportFileVerifier.VerifyAsync(new StringReader(string.Join('\n', lines)), trusted);

    private static int EventLineIndex(List<string> lines, string streamId, long version) =>
        lines.FindIndex(l => l.Contains($"\"streamId\":\"{streamId}\"", StringComparison.Ordinal) && l.Contains($"\"version\":{version},", StringComparison.Ordinal));

    /// <summary>
    /// What an insider with the file could do: change an amount and recompute every hash, head and the digest
    /// (with <paramref name="formatVersion"/> 1, as files were hashed before streams' identities were chained).
    /// </summary>
    private static List<string> Rehash(List<string> lines, string streamId, long version, long amountMinor, int formatVersion = ExportFile.FormatVersion)
    {
        var previous = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var digest = new DigestChain();
        var result = new List<string>();
        foreach (var line in lines)
        {
            var node = JsonNode.Parse(line)!.AsObject();
            switch ((string)node["kind"]!)
            {
                case "header":
                    node["formatVersion"] = formatVersion;
                    break;
                case "event":
                    if ((string)node["streamId"]! == streamId && (long)node["version"]! == version)
                    {
                        node["data"]!["amountMinor"] = amountMinor;
                    }

                    var e = ExportFile.ReadEvent(JsonDocument.Parse(node.ToJsonString()).RootElement);
                    var genesis = formatVersion == 1 ? EventHash.LegacyGenesis.ToArray() : EventHash.GenesisOf(e.StreamId, e.StreamType, e.Country);
                    var hash = e.ComputeHash(previous.GetValueOrDefault(e.StreamId, genesis));
                    previous[e.StreamId] = hash;
                    node["hash"] = Convert.ToHexStringLower(hash);
                    digest.Add(hash, e.Cursor);
                    break;
                case "stream":
                    node["head"] = Convert.ToHexStringLower(previous[(string)node["id"]!]);
                    break;
                case "digest":
                    node["sha256"] = digest.ToDigest().Sha256;
                    break;
            }

            result.Add(node.ToJsonString());
        }

        return result;
    }

    private async Task RewriteWithValidHashesAsync(EventStore store, string streamId, long version, long amountMinor)
    {
        var (lines, _) = await ExportAsync(store);
        var forged = Rehash(lines, streamId, version, amountMinor);
        foreach (var line in forged.Where(l => l.Contains($"\"streamId\":\"{streamId}\"", StringComparison.Ordinal)))
        {
            var e = ExportFile.ReadEvent(JsonDocument.Parse(line).RootElement);
            await Database.ExecuteAsync($"""
                update {store.Schema.Quoted}.events set data = '{e.Data.GetRawText()}', hash = '\x{e.Hash}'
                where stream_id = '{streamId}' and version = {e.Version}
                """);
        }

        var head = forged.Select(l => JsonNode.Parse(l)!).First(n => (string)n["kind"]! == "stream" && (string)n["id"]! == streamId);
        await Database.ExecuteAsync($"update {store.Schema.Quoted}.streams set head_hash = '\\x{head["head"]}' where id = '{streamId}'");
    }
}

using Npgsql;
using StartupFund.Ledger;
using StartupFund.Ledger.Audit;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>What the checks found, for the test's output and docs/reliability.md.</summary>
public sealed record LedgerFigures(long Events, long Streams, int AcknowledgedCommands, int RefusedCommands, int ReadModelFunds, int ReadModelApplications);

/// <summary>
/// The promises a ledger must keep after any fault, checked against the database itself: every
/// acknowledged command is in the log exactly once (one idempotency record and the events of one
/// transaction carrying its key as causation id), a refused command left nothing, no stream has a
/// gap in its versions, every hash chain verifies, and the read models equal the log folded afresh.
/// </summary>
public static class LedgerChecks
{
    public static async Task<LedgerFigures> AssertConsistentAsync(string connectionString, IReadOnlyCollection<CommandRecord> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var byCausation = await EventsByCausationAsync(dataSource).ConfigureAwait(false);
        var stored = await StoredResponsesAsync(dataSource).ConfigureAwait(false);

        var problems = new List<string>();
        var acknowledged = commands.Where(c => c.Acknowledged).ToList();
        foreach (var command in acknowledged)
        {
            if (!stored.TryGetValue(command.Key, out var status))
            {
                problems.Add($"acknowledged but no idempotency record: {command}");
            }
            else if (status != command.Final!.Status)
            {
                problems.Add($"acknowledged {command.Final.Status} but recorded {status}: {command}");
            }

            if (!byCausation.TryGetValue(command.Key, out var events))
            {
                problems.Add($"acknowledged but no event carries its key: {command}");
            }
            else if (events.Transactions != 1)
            {
                problems.Add($"its events were written by {events.Transactions} transactions, not one: {command}");
            }
        }

        var refused = commands.Where(c => c.Refused).ToList();
        foreach (var command in refused.Where(c => stored.ContainsKey(c.Key) || byCausation.ContainsKey(c.Key)))
        {
            problems.Add($"refused ({command.Final!.Status}) but something was written: {command}");
        }

        var known = commands.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in byCausation.Keys.Where(k => !known.Contains(k)))
        {
            problems.Add($"events carry a causation id no command of the test sent: {key}");
        }

        problems.ShouldBeEmpty(string.Join('\n', problems.Take(20)));
        var sound = await AssertSoundAsync(dataSource).ConfigureAwait(false);
        return sound with { AcknowledgedCommands = acknowledged.Count, RefusedCommands = refused.Count };
    }

    /// <summary>No gaps in any stream's versions, every hash chain verifies, the read models equal the log folded afresh.</summary>
    public static async Task<LedgerFigures> AssertSoundAsync(NpgsqlDataSource dataSource)
    {
        var gaps = await VersionGapsAsync(dataSource).ConfigureAwait(false);
        gaps.ShouldBeEmpty(string.Join('\n', gaps.Take(20)));

        var ledger = new StartupFundLedger(dataSource);
        var verification = await ledger.Store.VerifyAsync().ConfigureAwait(false);
        verification.IsClean.ShouldBeTrue($"hash chains broken: {string.Join("; ", verification.Breaks.Take(5))}");
        var eventCount = await ScalarAsync(dataSource, "select count(*) from eventstore.events").ConfigureAwait(false);
        verification.EventsChecked.ShouldBe(eventCount);

        var readModels = await new ReadModelCheck(ledger).RunAsync().ConfigureAwait(false);
        readModels.IsFaithful.ShouldBeTrue($"read models differ from the log: {string.Join("; ", readModels.Differences.Take(5))}");
        return new LedgerFigures(eventCount, verification.StreamsChecked, 0, 0, readModels.Funds, readModels.Applications);
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record CausedEvents(long Events, long Transactions);

    private static async Task<Dictionary<string, CausedEvents>> EventsByCausationAsync(NpgsqlDataSource dataSource)
    {
        var result = new Dictionary<string, CausedEvents>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("""
            select metadata->>'causationId', count(*), count(distinct tx_id)
            from eventstore.events where metadata->>'causationId' is not null group by 1
            """);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            result[reader.GetString(0)] = new CausedEvents(reader.GetInt64(1), reader.GetInt64(2));
        }

        return result;
    }

    private static async Task<Dictionary<string, int>> StoredResponsesAsync(NpgsqlDataSource dataSource)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("select key, status from ledger.idempotency");
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            result[reader.GetString(0)] = reader.GetInt32(1);
        }

        return result;
    }

    /// <summary>Streams whose events do not run 1..N, or whose row disagrees with its last event.</summary>
    private static async Task<List<string>> VersionGapsAsync(NpgsqlDataSource dataSource)
    {
        var gaps = new List<string>();
        await using var command = dataSource.CreateCommand("""
            select s.id, s.version, count(e.version), coalesce(min(e.version), 0), coalesce(max(e.version), 0)
            from eventstore.streams s left join eventstore.events e on e.stream_id = s.id
            group by s.id, s.version
            having s.version <> count(e.version) or count(e.version) <> coalesce(max(e.version), 0) or coalesce(min(e.version), 1) <> 1
            """);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            gaps.Add($"stream {reader.GetString(0)} at version {reader.GetInt64(1)} has {reader.GetInt64(2)} events, versions {reader.GetInt64(3)}..{reader.GetInt64(4)}");
        }

        var orphans = await ScalarAsync(dataSource, "select count(*) from eventstore.events e where not exists (select 1 from eventstore.streams s where s.id = e.stream_id)").ConfigureAwait(false);
        if (orphans != 0)
        {
            gaps.Add($"{orphans} events belong to no stream row");
        }

        return gaps;
    }
}

using System.Collections.Concurrent;
using Npgsql;
using StartupFund.Reliability.Tests.Harness;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>What the requests of one fuzz run got back, how many events the accepted ones wrote, and what was wrong.</summary>
public sealed record FuzzResults(List<(FuzzCase Case, ApiReply Reply)> Replies, long AcceptedEvents, List<string> Failures);

/// <summary>
/// Sends generated requests in batches of 250, 8 at a time, judging every answer (<see cref="Judge"/>)
/// and, after every batch, the log: an event may only come from a request answered 2xx that may write
/// at all, and a batch with none such leaves the log as it was. Stops after the first batch with a failure.
/// </summary>
public static class FuzzBatches
{
    private const int BatchSize = 250;
    private const int Workers = 8;

    /// <param name="nextBatch">Runs before each batch, given its number (e.g. to renew the targets).</param>
    /// <param name="readOnly">The requests only read: none of them, even answered 2xx, may write anything.</param>
    public static async Task<FuzzResults> RunAsync(ApiClient client, NpgsqlDataSource dataSource, Func<FuzzCase> next, int requests,
        Func<int, Task> nextBatch, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(nextBatch);
        var results = new FuzzResults([], 0, []);
        var acceptedEvents = 0L;
        for (var sent = 0; sent < requests && results.Failures.Count == 0; sent += BatchSize)
        {
            await nextBatch(sent / BatchSize);
            var batch = Enumerable.Range(0, BatchSize).Select(_ => next()).ToList();
            var before = await LogState.ReadAsync(dataSource);
            var replies = await SendAsync(client, batch);
            var after = await LogState.ReadAsync(dataSource);
            results.Replies.AddRange(replies);
            results.Failures.AddRange(replies.Select(r => Judge.Answer(r.Case, r.Reply)).OfType<string>());
            acceptedEvents += after.Events - before.Events;
            results.Failures.AddRange(await LogFailuresAsync(dataSource, before, after, replies, readOnly));
        }

        return results with { AcceptedEvents = acceptedEvents };
    }

    public static async Task<List<(FuzzCase Case, ApiReply Reply)>> SendAsync(ApiClient client, IReadOnlyList<FuzzCase> batch)
    {
        ArgumentNullException.ThrowIfNull(client);
        var replies = new ConcurrentBag<(FuzzCase, ApiReply)>();
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (fuzzCase, token) =>
            replies.Add((fuzzCase, await client.SendAsync(fuzzCase.Request, token))));
        return [.. replies.OrderBy(r => r.Item1.Number)];
    }

    /// <summary>
    /// Every event written during the batch must carry the correlation id of a request that was
    /// answered 2xx (the API echoes the id it used) and may write; a batch with none such leaves the log as it was.
    /// </summary>
    private static async Task<List<string>> LogFailuresAsync(NpgsqlDataSource dataSource, LogState before, LogState after,
        List<(FuzzCase Case, ApiReply Reply)> replies, bool readOnly)
    {
        var failures = new List<string>();
        var accepted = readOnly ? [] : replies.Where(r => r.Reply.IsSuccess).ToList();
        var acceptedIds = accepted.Select(r => r.Reply.Header("X-Correlation-Id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (accepted.Count == 0 && after != before)
        {
            failures.Add($"a batch {(readOnly ? "of reads" : "refused throughout")} changed the log: {before} -> {after}");
        }

        if (after.IdempotencyRecords - before.IdempotencyRecords > accepted.Count)
        {
            failures.Add($"{after.IdempotencyRecords - before.IdempotencyRecords} idempotency records for {accepted.Count} accepted requests");
        }

        await using var command = dataSource.CreateCommand(
            "select coalesce(metadata->>'correlationId', '(none)'), count(*) from eventstore.events where position > $1 group by 1");
        command.Parameters.Add(new NpgsqlParameter { Value = before.LastPosition });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var correlationId = reader.GetString(0);
            if (!acceptedIds.Contains(correlationId))
            {
                var culprit = replies.FirstOrDefault(r => r.Case.Request.CorrelationId == correlationId);
                failures.Add($"{reader.GetInt64(1)} events written by a {(readOnly ? "read" : "refused request")} {correlationId}: {culprit.Case} -> {culprit.Reply}");
            }
        }

        return failures;
    }
}

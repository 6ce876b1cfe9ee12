using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>
/// Several clients, each walking <see cref="Workflows"/> one command at a time, as a well-behaved
/// client does: a 503 or no answer is retried with the SAME Idempotency-Key and body (after a short
/// pause, at most the Retry-After), a refusal ends the workflow, a 2xx moves on. Every command and
/// every answer is recorded for the checks afterwards.
/// </summary>
public sealed class CommandLoad : IDisposable
{
    private static readonly TimeSpan RetryPauseMax = TimeSpan.FromMilliseconds(500);

    private readonly ApiClient client;
    private readonly int clients;
    private readonly int seed;
    private readonly string name;
    private readonly ConcurrentQueue<CommandRecord> records = new();
    private readonly CancellationTokenSource stopStarting = new();
    private readonly CancellationTokenSource abandon = new();
    private Task[] running = [];
    private int acknowledged;
    private int unavailableAnswers;

    /// <param name="name">Prefixes every id the load creates, so several loads can run against one ledger.</param>
    public CommandLoad(ApiClient client, int clients, int seed, string name = "load")
    {
        this.client = client;
        this.clients = clients;
        this.seed = seed;
        this.name = name;
    }

    public int Acknowledged => Volatile.Read(ref acknowledged);

    /// <summary>Answers 503 (the database unavailable) seen so far, retries included.</summary>
    public int UnavailableAnswers => Volatile.Read(ref unavailableAnswers);

    public IReadOnlyList<CommandRecord> Records => [.. records];

    public void Start() =>
        running = [.. Enumerable.Range(0, clients).Select(index => Task.Run(() => RunClientAsync(index)))];

    /// <summary>Waits (bounded) until the load has had at least <paramref name="count"/> commands acknowledged.</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (Acknowledged < count)
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Only {Acknowledged} of {count} commands acknowledged within {deadline.TotalSeconds} s.");
            }

            if (running.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                await failed.ConfigureAwait(false);
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> more 503s have been answered.</summary>
    public async Task WaitForUnavailableAsync(int count, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (UnavailableAnswers < count)
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Only {UnavailableAnswers} of {count} answers 503 within {deadline.TotalSeconds} s.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Lets each client settle the command it is on (retrying it if need be), then stop.</summary>
    public async Task DrainAsync(TimeSpan deadline)
    {
        await stopStarting.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).WaitAsync(deadline).ConfigureAwait(false);
    }

    /// <summary>Stops at once: a command without an answer stays in flight (the server was killed).</summary>
    public async Task AbandonAsync(TimeSpan deadline)
    {
        await stopStarting.CancelAsync().ConfigureAwait(false);
        await abandon.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).WaitAsync(deadline).ConfigureAwait(false);
    }

    public void Dispose()
    {
        stopStarting.Dispose();
        abandon.Dispose();
    }

    private async Task RunClientAsync(int index)
    {
        var random = new Random(seed + index);
        for (var workflow = 0; !stopStarting.IsCancellationRequested; workflow++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{name}c{index}w{workflow}");
            foreach (var request in Workflows.Next(random, prefix))
            {
                if (stopStarting.IsCancellationRequested || !await SettleAsync(request, random).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
    }

    /// <summary>Sends a command until it is settled (2xx or a refusal); false when it was refused or abandoned.</summary>
    private async Task<bool> SettleAsync(ApiRequest request, Random random)
    {
        var record = new CommandRecord(request);
        records.Enqueue(record);
        while (true)
        {
            var reply = await client.SendAsync(request).ConfigureAwait(false);
            record.Add(reply);
            if (reply.IsSuccess)
            {
                Interlocked.Increment(ref acknowledged);
                return true;
            }

            if (reply.Answered && reply.Status != 503)
            {
                return false;
            }

            if (reply.Status == 503)
            {
                Interlocked.Increment(ref unavailableAnswers);
            }

            if (abandon.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(RetryPause(reply, random)).ConfigureAwait(false);
        }
    }

    private static TimeSpan RetryPause(ApiReply reply, Random random)
    {
        var retryAfter = int.TryParse(reply.Header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : RetryPauseMax;
        var cap = retryAfter < RetryPauseMax ? retryAfter : RetryPauseMax;
        return cap * (0.5 + (random.NextDouble() / 2));
    }
}

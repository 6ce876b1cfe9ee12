using System.Text.Json;
using Npgsql;
using NodaTime;
using StartupFund.Domain.Common;
using StartupFund.EventStore;
using StartupFund.Ledger.Json;

namespace StartupFund.Ledger.Pipeline;

/// <summary>What a command decided: the appends (each at its loaded version) and the response to give.</summary>
internal sealed record Decision(
    IReadOnlyList<StreamAppend> Appends, string PrimaryStreamId, int Status, object Response, long Version, string? Location);

/// <summary>
/// The one path of every command: load -> decide -> append every stream at its loaded version in
/// ONE transaction with the inline projections and the idempotency record -> commit. A lost race
/// is retried (bounded, with jitter) unless the client sent If-Match, in which case it is a
/// <see cref="VersionMismatchException"/>. A repeated Idempotency-Key is not looked up first (that
/// would cost every command a round trip): the repeat either fails to decide on the state its
/// first run left, or fails to insert its idempotency record; both then replay the first response.
/// </summary>
internal sealed class CommandPipeline(EventStore.EventStore store, IdempotencyStore idempotency, IClock clock, int maxAttempts)
{
    public async Task<CommandOutcome> RunAsync(CommandRequest request, Func<CancellationToken, Task<Decision>> decide, CancellationToken cancellationToken)
    {
        var key = request.IdempotencyKey;
        for (var attempt = 1; ; attempt++)
        {
            Decision decision;
            try
            {
                decision = await decide(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (key is not null && e is DomainException or VersionMismatchException)
            {
                // The same request may have run before: then its first response is the answer,
                // not the refusal that deciding again on the state it left gives.
                if (await idempotency.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } winner)
                {
                    return winner.ReplayFor(request.Fingerprint);
                }

                throw;
            }
            catch (ConcurrencyException e)
            {
                // The decision was made on streams loaded at different moments: load and decide again.
                if (await AfterLostRaceAsync(request, e, attempt, cancellationToken).ConfigureAwait(false) is { } replayed)
                {
                    return replayed;
                }

                continue;
            }

            var outcome = new CommandOutcome(decision.Status, JsonSerializer.Serialize(decision.Response, LedgerJson.Api),
                decision.Version, decision.Location, Replayed: false);
            try
            {
                if (key is null)
                {
                    await store.AppendAsync(decision.Appends, request.Metadata, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await store.AppendAsync(decision.Appends, request.Metadata,
                        [idempotency.Insert(key, request.Fingerprint, outcome, clock.GetCurrentInstant())], cancellationToken).ConfigureAwait(false);
                }

                return outcome;
            }
            catch (PostgresException e) when (key is not null && e.SqlState == PostgresErrorCodes.UniqueViolation
                && e.ConstraintName == IdempotencyStore.PrimaryKey)
            {
                // The same key committed first; nothing of ours was written. Replay its response.
                return (await idempotency.FindAsync(key, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Idempotency key '{key}' clashed but has no stored response."))
                    .ReplayFor(request.Fingerprint);
            }
            catch (PostgresException e) when (DatabaseRules.RefusalFor(e, decision.Appends) is { } refusal)
            {
                // The same request may have committed first, with the very fact that now collides.
                if (key is not null && await idempotency.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } winner)
                {
                    return winner.ReplayFor(request.Fingerprint);
                }

                throw refusal;
            }
            catch (ConcurrencyException e)
            {
                if (request.IfMatch is { } expected && e.StreamId == decision.PrimaryStreamId)
                {
                    if (key is not null && await idempotency.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } winner)
                    {
                        return winner.ReplayFor(request.Fingerprint);
                    }

                    throw new VersionMismatchException(e.StreamId, expected, e.ActualVersion);
                }

                if (await AfterLostRaceAsync(request, e, attempt, cancellationToken).ConfigureAwait(false) is { } replayed)
                {
                    return replayed;
                }
            }
        }
    }

    /// <summary>
    /// Waits before the next attempt. After the last one gives up, unless the request's key already
    /// has a response: then the same request ran before, and its response is the answer.
    /// </summary>
    private async Task<CommandOutcome?> AfterLostRaceAsync(CommandRequest request, ConcurrencyException lostRace, int attempt,
        CancellationToken cancellationToken)
    {
        if (attempt < maxAttempts)
        {
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (request.IdempotencyKey is { } key && await idempotency.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } winner)
        {
            return winner.ReplayFor(request.Fingerprint);
        }

        throw new ConflictRetriesExhaustedException(lostRace.StreamId, attempt, lostRace.ActualVersion);
    }

    /// <summary>Full jitter: a random delay up to 2ms * 2^attempt, capped at 100ms.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(100, 2 << Math.Min(attempt, 6)));
}

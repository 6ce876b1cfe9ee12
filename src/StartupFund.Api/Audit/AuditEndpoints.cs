using StartupFund.Api.Http;
using StartupFund.Domain.Values;
using StartupFund.Ledger;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Pipeline;
using StartupFund.Ledger.Views;

namespace StartupFund.Api.Audit;

/// <summary>
/// /audit: the regulator's read-only view of the event store itself, never of the read models: the log
/// with filters, one stream's history, hash-chain verification and digests to keep elsewhere.
/// </summary>
public static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit").WithTags("Audit");

        audit.MapGet("/events", async (string? country, string? fund, string? stream, string? type, string? recordedFrom, string? recordedTo,
            string? actor, string? correlationId, string? cursor, int? limit, StartupFundLedger ledger, CancellationToken token) =>
        {
            var filter = new AuditFilter
            {
                Country = Country(country),
                FundId = fund,
                StreamId = stream,
                EventType = type,
                RecordedFrom = recordedFrom is null ? null : LedgerAudit.ParseInstant("recordedFrom", recordedFrom),
                RecordedTo = recordedTo is null ? null : LedgerAudit.ParseInstant("recordedTo", recordedTo),
                Actor = actor,
                CorrelationId = correlationId,
            };
            return Results.Ok(await ledger.Audit().EventsAsync(filter, cursor, limit, token));
        })
        .Query<Page<AuditEventView>>("ListAuditEvents",
            "The event log in its gap-free order (transaction, position), filtered by country, fund, stream, type, recorded-at range "
            + $"(inclusive), actor or correlation id; cursor-paginated (limit 1..{LedgerAudit.MaxPageSize}, default {LedgerAudit.DefaultPageSize})");

        audit.MapGet("/streams/{streamId}", async (string streamId, StartupFundLedger ledger, CancellationToken token) =>
            await ledger.Audit().StreamAsync(streamId, token) is { } history
                ? Results.Ok(history)
                : Problems.NotFound(LedgerErrorCodes.NotFound, $"There is no stream '{streamId}'."))
        .Query<AuditStreamView>("GetAuditStream", "One stream's whole history in version order, with every hash and its head", notFound: true);

        audit.MapGet("/verify", async (string? country, string? stream, StartupFundLedger ledger, CancellationToken token) =>
            Results.Ok(await ledger.Audit().VerifyAsync(Country(country), stream, token)))
        .Query<VerificationView>("VerifyHashChains",
            "Recompute the hash chains of everything, a country or a stream from the stored rows: clean, or the first broken stream and version");

        audit.MapGet("/digest", async (string? country, StartupFundLedger ledger, CancellationToken token) =>
            Results.Ok(await ledger.Audit().DigestAsync(Country(country), token)))
        .Query<DigestView>("GetDigest", "One SHA-256 over the log's readable prefix (or a country's), to keep outside our database");

        audit.MapGet("/digest/verify", async (string? digest, string? country, StartupFundLedger ledger, CancellationToken token) =>
        {
            if (digest is null)
            {
                throw new QueryException(AuditErrorCodes.DigestInvalid, "digest", "digest is required: EVENTS:SHA256 as GET /audit/digest returned it.");
            }

            return Results.Ok(await ledger.Audit().CheckDigestAsync(LedgerAudit.ParseDigest("digest", digest), Country(country), token));
        })
        .Query<DigestCheckView>("CheckDigest", "Whether the log still begins, unchanged, with exactly the events a kept digest covered");
    }

    private static string? Country(string? country)
    {
        if (country is null)
        {
            return null;
        }

        var f = new Fields();
        var code = f.Try("country", () => new CountryCode(country));
        f.ThrowIfAny();
        return code.Value;
    }
}

using StartupFund.Api.Access;
using StartupFund.Api.Http;
using StartupFund.Domain;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;
using StartupFund.Ledger;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Pipeline;
using StartupFund.Ledger.Views;
using StartupFund.Security;
using ApplicationId = StartupFund.Domain.ApplicationId;

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
            string? actor, string? correlationId, string? cursor, int? limit, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            // A fund outside the caller's countries is refused as on every other list, not answered with an empty page.
            if (Identifier.IsValid(fund) && await ledger.Queries.FundCountryAsync(new FundId(fund), token) is { } fundCountry)
            {
                Scopes.Require(Scopes.CallerOf(http).CanAudit(fundCountry), $"Fund {fund} is in {fundCountry}, outside the countries you may audit.");
            }

            var filter = new AuditFilter
            {
                Country = AuditedCountry(http, country),
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
            + $"(inclusive), actor or correlation id; cursor-paginated (limit 1..{LedgerAudit.MaxPageSize}, default {LedgerAudit.DefaultPageSize})")
        .RequireAuthorization(Policies.Audit);

        audit.MapGet("/streams/{streamId}", async (string streamId, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
            await ledger.Audit().StreamAsync(streamId, token) is { } history
                && Scopes.CallerOf(http).CanAudit(history.Country)
                ? Results.Ok(history)
                : Problems.NotFound(LedgerErrorCodes.NotFound, $"There is no stream '{streamId}'."))
        .Query<AuditStreamView>("GetAuditStream", "One stream's whole history in version order, with every hash and its head", notFound: true)
        .RequireAuthorization(Policies.Audit);

        audit.MapGet("/verify", async (string? country, string? stream, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            if (stream is not null && country is null)
            {
                // Like GET /audit/streams/{id}: a stream that is not there and one outside the caller's
                // countries get the same 404, so verifying cannot probe for stream ids.
                return await ledger.Audit().FindStreamAsync(stream, token) is { } found && Scopes.CallerOf(http).CanAudit(found.Country)
                    ? Results.Ok(await ledger.Audit().VerifyAsync(null, stream, token))
                    : Problems.NotFound(LedgerErrorCodes.NotFound, $"There is no stream '{stream}'.");
            }

            return Results.Ok(await ledger.Audit().VerifyAsync(stream is null ? AuditedCountry(http, country) : Country(country), stream, token));
        })
        .Query<VerificationView>("VerifyHashChains",
            "Recompute the hash chains of everything, a country or a stream from the stored rows: clean, or the first broken stream and version",
            notFound: true)
        .RequireAuthorization(Policies.Audit);

        audit.MapGet("/digest", async (string? country, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
            Results.Ok(await ledger.Audit().DigestAsync(AuditedCountry(http, country), token)))
        .Query<DigestView>("GetDigest", "One SHA-256 over the log's readable prefix (or a country's), to keep outside our database")
        .RequireAuthorization(Policies.Audit);

        audit.MapGet("/digest/verify", async (string? digest, string? country, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            if (digest is null)
            {
                throw new QueryException(AuditErrorCodes.DigestInvalid, "digest", "digest is required: EVENTS:SHA256 as GET /audit/digest returned it.");
            }

            return Results.Ok(await ledger.Audit().CheckDigestAsync(LedgerAudit.ParseDigest("digest", digest), AuditedCountry(http, country), token));
        })
        .Query<DigestCheckView>("CheckDigest", "Whether the log still begins, unchanged, with exactly the events a kept digest covered")
        .RequireAuthorization(Policies.Audit);
    }

    /// <summary>The country an audit query covers: the one asked for, if the caller may audit it; else everything
    /// for admins and supranational regulators, or a national regulator's only country.</summary>
    internal static string? AuditedCountry(HttpContext http, string? country)
    {
        var caller = Scopes.CallerOf(http);
        var code = Country(country);
        if (code is not null || caller.CanAudit(null))
        {
            Scopes.Require(caller.CanAudit(code), $"{code} is outside your countries.");
            return code;
        }

        var only = Scopes.OnlyCountryOf(caller);
        Scopes.Require(caller.CanAudit(only), $"{only} is outside the countries you may audit.");
        return only;
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

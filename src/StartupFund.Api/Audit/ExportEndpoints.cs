using StartupFund.Api.Http;
using StartupFund.Ledger;
using StartupFund.Security;

namespace StartupFund.Api.Audit;

/// <summary>
/// GET /audit/export: the event log (or one country's streams) as the JSON Lines file the CLI's
/// <c>export</c> writes, streamed as it is read, for a regulator to verify and replay offline.
/// </summary>
public static class ExportEndpoints
{
    public const string ContentType = "application/jsonl";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/export", async (string? country, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            // Scope first: a refusal must still be a ProblemDetails, before the first byte is written.
            var scope = AuditEndpoints.AuditedCountry(http, country);
            var stamp = ledger.Clock.GetCurrentInstant().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            http.Response.ContentType = ContentType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"startupfund-{scope?.ToLowerInvariant() ?? "all"}-{stamp}.jsonl\"";
            await ledger.Store.ExportAsync(http.Response.Body, scope, null, token);
        })
        .WithTags("Audit")
        .Download("ExportLog",
            "The event log (or ?country=) as JSON Lines: a header, every event with its metadata and hash, each stream's head, the closing digest; verify it offline with the CLI",
            ContentType)
        .RequireAuthorization(Policies.Audit);
    }
}

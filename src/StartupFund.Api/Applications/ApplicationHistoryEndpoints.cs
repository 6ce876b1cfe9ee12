using StartupFund.Api.Access;
using StartupFund.Api.Audit;
using StartupFund.Api.Http;
using StartupFund.Domain.Common;
using StartupFund.Ledger;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Pipeline;
using StartupFund.Security;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Api.Applications;

/// <summary>
/// GET /applications/{id}/history: the application's own stream (every event with its hash), for
/// whoever may read the application itself: its startup follows its timeline without audit rights.
/// </summary>
public static class ApplicationHistoryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/applications/{applicationId}/history", async (string applicationId, HttpContext http, StartupFundLedger ledger, CancellationToken token) =>
        {
            var f = new Fields();
            var id = f.Try("applicationId", () => new ApplicationId(applicationId));
            f.ThrowIfAny();
            await Scopes.ApplicationAsync(Scopes.CallerOf(http), ledger, id, (c, a) => c.CanRead(a), string.Empty, token);
            return await ledger.Audit().StreamAsync(Streams.Application(id), token) is { } history
                ? Results.Ok(history)
                : Problems.NotFound(ErrorCodes.ApplicationNotFound, $"Application {id} does not exist.");
        })
        .WithTags("Applications")
        .Query<AuditStreamView>("GetApplicationHistory", "The application's events in order, with their hashes: its timeline", notFound: true)
        .RequireAuthorization(Policies.ReadApplications);
    }
}

using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Ledger;
using StartupFund.Ledger.Views;
using StartupFund.Security;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Api.Access;

/// <summary>
/// What the access rules of <see cref="Caller"/> need to know of a fund or an application, read from
/// the read models. Sound without a race: a fund's country and an application's country and startup
/// never change once written, and the read models are written in the same transaction as the events.
/// </summary>
public static class Scopes
{
    public static Caller CallerOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Caller.Of(http);
    }

    public static void Require(bool allowed, string detail)
    {
        if (!allowed)
        {
            throw new AccessDeniedException(StatusCodes.Status403Forbidden, AuthErrorCodes.Forbidden, detail);
        }
    }

    /// <summary>
    /// The caller's one country, when a list or an audit query names none. A caller of several countries may see
    /// each of them, so this is an incomplete request (400, naming <c>country</c>), not a forbidden one.
    /// </summary>
    public static string OnlyCountryOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.OnlyCountry ?? throw new Http.RequestValidationException(
            [new Http.FieldError("country", ErrorCodes.TextRequired, "You oversee several countries: name one with ?country=.")]);
    }

    public static async Task<string> FundCountryAsync(StartupFundLedger ledger, FundId fundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return await ledger.Queries.FundCountryAsync(fundId, cancellationToken).ConfigureAwait(false)
            ?? throw new AccessDeniedException(StatusCodes.Status404NotFound, ErrorCodes.FundNotFound, $"Fund {fundId} does not exist.");
    }

    public static ApplicationScope Of(ApplicationView application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var startup = application.Startup ?? throw new InvalidOperationException($"Application {application.ApplicationId} has no startup.");
        return new ApplicationScope(startup.Country, startup.StartupId, [.. application.CoInvestors.Select(c => c.InvestorId)]);
    }

    public static ApplicationScope Of(ApplicationState application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var startup = application.Startup ?? throw new InvalidOperationException("An application with events has no startup.");
        return new ApplicationScope(startup.Country.Value, startup.StartupId.Value, [.. application.CoInvestors.Keys]);
    }

    /// <summary>
    /// The application if <paramref name="allowed"/>; otherwise 403 when the caller may read it and 404
    /// (the same answer as for an unknown id) when not, so a startup cannot learn another's ids.
    /// </summary>
    public static async Task<ApplicationView> ApplicationAsync(
        Caller caller, StartupFundLedger ledger, ApplicationId id, Func<Caller, ApplicationScope, bool> allowed, string refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var view = await ledger.Queries.GetApplicationAsync(id, cancellationToken).ConfigureAwait(false);
        Judge(caller, id, view is null ? null : Of(view), allowed, refusal);
        return view!;
    }

    /// <summary>The same judgement as <see cref="ApplicationAsync"/>, made by a command on the application state it loads.</summary>
    public static Action<ApplicationState?> ApplicationRule(
        Caller caller, ApplicationId id, Func<Caller, ApplicationScope, bool> allowed, string refusal) =>
        state => Judge(caller, id, state is null ? null : Of(state), allowed, refusal);

    private static void Judge(Caller caller, ApplicationId id, ApplicationScope? scope, Func<Caller, ApplicationScope, bool> allowed, string refusal)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(allowed);
        if (scope is not null)
        {
            if (allowed(caller, scope))
            {
                return;
            }

            if (caller.CanRead(scope))
            {
                throw new AccessDeniedException(StatusCodes.Status403Forbidden, AuthErrorCodes.Forbidden, refusal);
            }
        }

        throw ApplicationNotFound(id);
    }

    public static AccessDeniedException ApplicationNotFound(ApplicationId id) =>
        new(StatusCodes.Status404NotFound, ErrorCodes.ApplicationNotFound, $"Application {id} does not exist.");
}

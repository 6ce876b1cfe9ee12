using System.Security.Claims;
using StartupFund.Security;

namespace StartupFund.Web.Session;

/// <summary>
/// Who is signed in, read with the API's own <see cref="Security.Caller"/> rules, so the pages offer
/// what the API would allow. It decides nothing: every read and command goes to the API with the
/// token, and the API alone says yes or no.
/// </summary>
public sealed record WebUser(Caller Caller)
{
    public static WebUser? From(ClaimsPrincipal? principal) =>
        principal is not null && Caller.From(principal) is { IsAuthenticated: true } caller ? new WebUser(caller) : null;

    public string Subject => Caller.Subject;

    public bool IsStartup => Caller.MayApply;

    public bool IsManager => Caller.MayReview;

    public bool IsRegulator => Caller.MayAudit;

    /// <summary>A co-investor with its investor id: it follows, and records money for, the applications it invests in.</summary>
    public bool IsCoInvestor => Caller.Has(Roles.CoInvestor) && Caller.InvestorId is not null;

    public string? InvestorId => Caller.InvestorId;

    /// <summary>May read country dashboards (admins, fund managers, regulators).</summary>
    public bool IsOverseer => Caller.MayOversee;

    public string? StartupId => Caller.StartupId;

    /// <summary>The countries whose dashboards to offer: the token's scope, or every demo country for a supranational role.</summary>
    public IReadOnlyList<string> VisibleCountries =>
        Caller.SeesEveryCountry || Caller.Countries.Count == 0
            ? DemoCountries
            : [.. Caller.Countries.Where(c => c != ClaimNames.AllCountries).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> DemoCountries { get; } = ["DE", "KE", "JP", "KW"];
}

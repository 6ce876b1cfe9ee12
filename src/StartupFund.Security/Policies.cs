using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace StartupFund.Security;

/// <summary>
/// Named endpoint policies, each a role gate of <see cref="Caller"/> (the rules live there, not here).
/// The fallback policy requires an authenticated caller, so an endpoint without a policy is closed.
/// </summary>
public static class Policies
{
    public const string BrowseFunds = "browse-funds";
    public const string OpenFunds = "open-funds";
    public const string ManageSponsors = "manage-sponsors";
    public const string RunTreasury = "run-treasury";
    public const string Review = "review";
    public const string Apply = "apply";
    public const string CoInvest = "co-invest";
    public const string Oversee = "oversee";
    public const string ListApplications = "list-applications";
    public const string ReadApplications = "read-applications";
    public const string Audit = "audit";

    public static IReadOnlyDictionary<string, Func<Caller, bool>> Gates { get; } = new Dictionary<string, Func<Caller, bool>>(StringComparer.Ordinal)
    {
        [BrowseFunds] = c => c.MayBrowseFunds,
        [OpenFunds] = c => c.MayOpenFunds,
        [ManageSponsors] = c => c.MayManageSponsors,
        [RunTreasury] = c => c.MayRunTreasury,
        [Review] = c => c.MayReview,
        [Apply] = c => c.MayApply,
        [CoInvest] = c => c.MayCoInvest,
        [Oversee] = c => c.MayOversee,
        [ListApplications] = c => c.MayListApplications,
        [ReadApplications] = c => c.MayReadApplications,
        [Audit] = c => c.MayAudit,
    };

    public static void AddTo(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.FallbackPolicy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => CallerOf(context).IsAuthenticated)
            .Build();
        foreach (var (name, gate) in Gates)
        {
            options.AddPolicy(name, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => gate(CallerOf(context))));
        }
    }

    private static Caller CallerOf(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http ? Caller.Of(http) : Caller.From(context.User);
}

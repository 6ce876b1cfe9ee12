using StartupFund.Security;

namespace StartupFund.Api.Tests.Support;

/// <summary>
/// The people of a test's story, each with the least role its step needs: the administrator opens
/// funds and signs sponsors, a fund manager of the tests' countries runs the treasury and the review,
/// one startup applies (every test application is its own), a supranational regulator audits.
/// <see cref="For"/> picks who sends a request, so a story reads as before while every step is authorised.
/// </summary>
public static class Cast
{
    public const string StartupId = "startup-test";

    public static readonly IReadOnlyList<string> Countries = ["DE", "FR", "KE", "JP", "KW", "NZ", "GB", "NL", "US"];

    public static TokenIdentity Admin { get; } = new("test-admin", [Roles.Admin]);

    public static TokenIdentity Manager { get; } = new("test-manager", [Roles.FundManager], Countries);

    public static TokenIdentity Startup { get; } = new("test-startup", [Roles.Startup], StartupId: StartupId);

    public static TokenIdentity Regulator { get; } = new("test-regulator", [Roles.Regulator], [ClaimNames.AllCountries]);

    private static readonly string[] StartupSteps = ["amendments", "withdrawal", "information", "offer/acceptance", "offer/decline", "milestone/report"];

    public static TokenIdentity For(HttpMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var route = path.Split('?')[0].TrimEnd('/');
        if (method != HttpMethod.Post)
        {
            return route.StartsWith("/audit", StringComparison.Ordinal) ? Regulator : Admin;
        }

        if (route == "/funds" || route.EndsWith("/commitments", StringComparison.Ordinal) || route.EndsWith("/closure", StringComparison.Ordinal))
        {
            return Admin;
        }

        if (route == "/applications" || StartupSteps.Any(step => route.EndsWith("/" + step, StringComparison.Ordinal)))
        {
            return Startup;
        }

        return Manager;
    }
}

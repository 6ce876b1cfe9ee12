using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace StartupFund.Security;

/// <summary>
/// The authenticated caller and EVERY access rule of the system, so the API and the web app ask the
/// very same questions. Role gates (<c>May...</c>) decide whether an endpoint is for this caller at
/// all; scope rules (<c>Can...</c>) decide for one country, fund or application.
/// </summary>
public sealed class Caller
{
    public const int SubjectMaxLength = 200;

    private Caller(string subject, IReadOnlySet<string> roles, IReadOnlySet<string> countries, string? startupId, string? investorId)
    {
        Subject = subject;
        Roles = roles;
        Countries = countries;
        StartupId = startupId;
        InvestorId = investorId;
    }

    /// <summary>The actor id recorded in event metadata (the token's <c>sub</c>).</summary>
    public string Subject { get; }

    public IReadOnlySet<string> Roles { get; }

    /// <summary>Upper-case ISO codes, or <see cref="ClaimNames.AllCountries"/>.</summary>
    public IReadOnlySet<string> Countries { get; }

    public string? StartupId { get; }

    public string? InvestorId { get; }

    /// <summary>A token we verified, with a usable subject and at least one known role.</summary>
    public bool IsAuthenticated => Subject.Length > 0 && Roles.Count > 0;

    public bool IsAdmin => Has(Security.Roles.Admin);

    public bool IsSupranationalRegulator => Has(Security.Roles.Regulator) && Countries.Contains(ClaimNames.AllCountries);

    /// <summary>1-<see cref="SubjectMaxLength"/> printable ASCII characters without spaces: the subjects the API acts for.</summary>
    public static bool IsValidSubject(string subject) =>
        subject is { Length: > 0 and <= SubjectMaxLength } && subject.All(c => c is > ' ' and <= '~');

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var subject = user.FindFirst(ClaimNames.Subject)?.Value ?? string.Empty;
        if (!IsValidSubject(subject))
        {
            subject = string.Empty;
        }

        var roles = user.FindAll(ClaimNames.Role).Select(c => c.Value).Where(Security.Roles.IsKnown).ToHashSet(StringComparer.Ordinal);
        var countries = user.FindAll(ClaimNames.Country).Select(c => c.Value.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        return new Caller(subject, roles, countries, Single(user, ClaimNames.StartupId), Single(user, ClaimNames.InvestorId));
    }

    /// <summary>The caller of this request, built once per principal (policies, the rate limiter and the scope checks all ask).</summary>
    public static Caller Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(typeof(Caller), out var cached) && cached is (ClaimsPrincipal user, Caller caller) && ReferenceEquals(user, http.User))
        {
            return caller;
        }

        var built = From(http.User);
        http.Items[typeof(Caller)] = (http.User, built);
        return built;
    }

    public static Caller Anonymous { get; } = new(string.Empty, new HashSet<string>(), new HashSet<string>(), null, null);

    public bool Has(string role) => Roles.Contains(role);

    // Role gates: is this endpoint for the caller at all? (403 when not.)

    public bool MayBrowseFunds => IsAuthenticated;

    public bool MayOpenFunds => IsAuthenticated && IsAdmin;

    public bool MayManageSponsors => IsAuthenticated && IsAdmin;

    public bool MayRunTreasury => IsAuthenticated && (IsAdmin || Has(Security.Roles.FundManager));

    public bool MayReview => IsAuthenticated && Has(Security.Roles.FundManager);

    public bool MayApply => IsAuthenticated && Has(Security.Roles.Startup);

    public bool MayCoInvest => IsAuthenticated && (Has(Security.Roles.CoInvestor) || Has(Security.Roles.FundManager));

    public bool MayOversee => IsAuthenticated && (IsAdmin || Has(Security.Roles.FundManager) || Has(Security.Roles.Regulator));

    /// <summary>Overseers list their countries' applications, a startup its own, a co-investor those it invests in.</summary>
    public bool MayListApplications => MayOversee || MayApply || (IsAuthenticated && Has(Security.Roles.CoInvestor));

    public bool MayReadApplications => IsAuthenticated;

    public bool MayAudit => IsAuthenticated && (IsAdmin || Has(Security.Roles.Regulator));

    // Scope rules.

    /// <summary>A fund manager of this country: runs its application workflow and treasury.</summary>
    public bool Manages(string country) => MayReview && Countries.Contains(country);

    /// <summary>A regulator of this country, national or supranational.</summary>
    public bool Regulates(string country) =>
        IsAuthenticated && Has(Security.Roles.Regulator) && (Countries.Contains(country) || Countries.Contains(ClaimNames.AllCountries));

    /// <summary>Balances, journals, portfolios and application lists of a country.</summary>
    public bool CanOversee(string country) => (IsAuthenticated && IsAdmin) || Manages(country) || Regulates(country);

    /// <summary>Capital calls and their receipts.</summary>
    public bool CanRunTreasury(string country) => MayManageSponsors || Manages(country);

    public bool IsStartup(string startupId) => MayApply && string.Equals(StartupId, startupId, StringComparison.Ordinal);

    public bool IsInvestor(string investorId) =>
        IsAuthenticated && Has(Security.Roles.CoInvestor) && string.Equals(InvestorId, investorId, StringComparison.Ordinal);

    /// <summary>Who may see an application at all; everyone else gets 404, so ids do not leak.</summary>
    public bool CanRead(ApplicationScope application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return CanOversee(application.Country) || IsStartup(application.StartupId) || application.InvestorIds.Any(IsInvestor);
    }

    /// <summary>Submit, amend, withdraw, answer questions, accept or decline the offer, report milestones: the startup's own.</summary>
    public bool CanActAsApplicant(ApplicationScope application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return IsStartup(application.StartupId);
    }

    /// <summary>Review, questions, scores, decisions, milestone verification, payments, reversals, cancellation.</summary>
    public bool CanReview(ApplicationScope application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return Manages(application.Country);
    }

    /// <summary>
    /// The country's fund manager records any investor's commitment, and so introduces a co-investor to an
    /// application; from then on the co-investor records its own. A co-investor not yet among an application's
    /// investors cannot even learn that it exists.
    /// </summary>
    public bool CanCommitCoInvestment(ApplicationScope application, string investorId)
    {
        ArgumentNullException.ThrowIfNull(application);
        return (IsInvestor(investorId) && application.InvestorIds.Contains(investorId)) || Manages(application.Country);
    }

    /// <summary>
    /// Co-investment received counts toward the matching rule and so unlocks public money: the country's fund
    /// manager books it from the statement that shows it, never the investor who says it paid.
    /// </summary>
    public bool CanBookCoInvestmentReceipt(ApplicationScope application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return Manages(application.Country);
    }

    /// <summary>The audit trail of one country, or of everything when <paramref name="country"/> is null.</summary>
    public bool CanAudit(string? country) =>
        MayAudit && (IsAdmin || (country is null ? IsSupranationalRegulator : Regulates(country)));

    /// <summary>Whether list endpoints need no country filter for this caller.</summary>
    public bool SeesEveryCountry => (IsAuthenticated && IsAdmin) || IsSupranationalRegulator;

    /// <summary>The one country a list is implicitly narrowed to, for a caller scoped to exactly one.</summary>
    public string? OnlyCountry => !MayOversee || SeesEveryCountry || Countries.Count != 1 ? null : Countries.First();

    private static string? Single(ClaimsPrincipal user, string claim) =>
        user.FindFirst(claim)?.Value is { Length: > 0 } value ? value : null;
}

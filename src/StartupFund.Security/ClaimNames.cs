namespace StartupFund.Security;

/// <summary>The claims our tokens carry, under their short JWT names (never mapped to long URIs).</summary>
public static class ClaimNames
{
    /// <summary>The actor id recorded in every event's metadata.</summary>
    public const string Subject = "sub";

    /// <summary>Repeatable: one claim per role.</summary>
    public const string Role = "role";

    /// <summary>Repeatable ISO 3166 alpha-2 code scoping a fund manager or a national regulator.</summary>
    public const string Country = "country";

    /// <summary>The <see cref="Country"/> value of a supranational regulator: every country.</summary>
    public const string AllCountries = "*";

    public const string StartupId = "startup_id";

    public const string InvestorId = "investor_id";
}

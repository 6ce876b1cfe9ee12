namespace StartupFund.Security;

/// <summary>A ready-made identity for the demo: a short name to pick it by and who it is.</summary>
public sealed record DemoIdentity(string Name, string Description, TokenIdentity Identity);

/// <summary>
/// Identities matching the demo seed (src/StartupFund.Ledger/Seeding/DemoSeed.cs): its four countries,
/// startup ids (<c>de-co-aleph</c> for application <c>de-app-aleph</c>) and co-investor ids
/// (<c>de-app-aleph-angel</c>). build/run.sh prints a token for each; the web app's demo sign-in lists them.
/// </summary>
public static class DemoIdentities
{
    public static IReadOnlyList<DemoIdentity> All { get; } =
    [
        new("admin", "Programme administrator: opens funds and signs sponsors' commitments (through the API); reads every dashboard", new("demo-admin", [Roles.Admin])),
        Manager("DE", "Germany"),
        Manager("KE", "Kenya"),
        Manager("JP", "Japan"),
        Manager("KW", "Kuwait"),
        new("startup-aleph", "Aleph Robotics GmbH (DE): application de-app-aleph, funded",
            new("demo-startup-aleph", [Roles.Startup], StartupId: "de-co-aleph")),
        new("startup-nordlicht", "Nordlicht Energy (DE): application de-app-nordlicht, submitted",
            new("demo-startup-nordlicht", [Roles.Startup], StartupId: "de-co-nordlicht")),
        new("startup-shamba", "Shamba Intelligence (KE): application ke-app-shamba, funded",
            new("demo-startup-shamba", [Roles.Startup], StartupId: "ke-co-shamba")),
        new("co-investor-aleph", "The angel syndicate beside Aleph Robotics (investor de-app-aleph-angel)",
            new("demo-investor-aleph", [Roles.CoInvestor], InvestorId: "de-app-aleph-angel")),
        new("regulator-de", "National regulator of Germany (read-only, audit)", new("demo-regulator-de", [Roles.Regulator], ["DE"])),
        new("regulator-global", "Supranational regulator (read-only, audit, every country)",
            new("demo-regulator-global", [Roles.Regulator], [ClaimNames.AllCountries])),
    ];

    public static DemoIdentity? Find(string name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    private static DemoIdentity Manager(string country, string name) =>
        new($"manager-{country.ToLowerInvariant()}", $"Fund manager of {name}'s fund",
            new($"demo-manager-{country.ToLowerInvariant()}", [Roles.FundManager], [country]));
}

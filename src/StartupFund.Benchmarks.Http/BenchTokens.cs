using System.Security.Cryptography;
using NodaTime;
using StartupFund.Security;

namespace StartupFund.Benchmarks.Http;

/// <summary>
/// A fresh signing key per run (given to the API process) and the three callers of the workload,
/// each with the role its steps need, so the measured path includes token validation and the access checks.
/// </summary>
internal sealed class BenchTokens
{
    private BenchTokens(string signingKey)
    {
        SigningKey = signingKey;
        var tokens = new LocalTokens(new AuthOptions { SigningKey = signingKey }, SystemClock.Instance);
        Admin = tokens.Mint(new TokenIdentity("bench-admin", [Roles.Admin]));
        Manager = tokens.Mint(new TokenIdentity("bench-manager-de", [Roles.FundManager], ["DE"]));
        Startup = tokens.Mint(new TokenIdentity("bench-startup", [Roles.Startup], StartupId: "bench-startup"));
    }

    public string SigningKey { get; }

    public string Admin { get; }

    public string Manager { get; }

    public string Startup { get; }

    public static BenchTokens Create() => new(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
}

using NodaTime;
using StartupFund.Security;

namespace StartupFund.Web.Session;

/// <summary>
/// Demo mode's identities (src/StartupFund.Security's <see cref="DemoIdentities"/>, matching the demo
/// seed) and a freshly minted local token for the one picked.
/// </summary>
public sealed class DemoSignIn(IServiceProvider services)
{
    public static IReadOnlyList<DemoIdentity> Identities => DemoIdentities.All;

    public string? Mint(string name)
    {
        if (DemoIdentities.Find(name) is not { } identity)
        {
            return null;
        }

        var options = (AuthOptions?)services.GetService(typeof(AuthOptions)) ?? throw new InvalidOperationException("Demo sign-in needs the Auth section (AddStartupFundAuth).");
        var clock = (IClock?)services.GetService(typeof(IClock)) ?? SystemClock.Instance;
        try
        {
            return new LocalTokens(options, clock).Mint(identity.Identity);
        }
        catch (AuthConfigurationException)
        {
            // Demo mode on a server without a local signing key (one that only verifies an identity provider's tokens).
            return null;
        }
    }
}

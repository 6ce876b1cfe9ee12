using System.CommandLine;
using System.Globalization;
using NodaTime;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;
using StartupFund.Security;

namespace StartupFund.Cli;

/// <summary>
/// <c>token</c>: mints a local bearer token (HS256 with Auth__SigningKey or --key) for any role, or
/// one per demo identity (<c>--demo all</c>, what build/run.sh prints).
/// </summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var role = new Option<string[]>("--role") { Description = $"Role (repeatable): {string.Join(", ", Roles.All)}." };
        var country = new Option<string[]>("--country") { Description = "ISO country code scoping a fund manager or regulator (repeatable); '*' for a supranational regulator." };
        var startup = new Option<string?>("--startup") { Description = "The startup id of a 'startup' token." };
        var investor = new Option<string?>("--investor") { Description = "The investor id of a 'co_investor' token." };
        var subject = new Option<string?>("--subject") { Description = "The actor id ('sub') recorded in event metadata; a name is made from the role when absent." };
        var lifetime = new Option<string>("--lifetime") { Description = "How long the token is valid: 30m, 8h, 2d.", DefaultValueFactory = _ => "8h" };
        var key = new Option<string?>("--key") { Description = "The HS256 signing key; defaults to the Auth__SigningKey environment variable." };
        var demo = new Option<string?>("--demo") { Description = $"A demo identity ({string.Join(", ", DemoIdentities.All.Select(d => d.Name))}) or 'all'." };
        var command = new Command("token", """
            Mint a local bearer token for the API: Authorization: Bearer <token>. Uses the shared key the API verifies
            (Auth__SigningKey or --key), issuer Auth__Issuer (startupfund-local) and audience Auth__Audience (startupfund-api).
            Example: startupfund token --role fund_manager --country DE --lifetime 1h
            """);
        foreach (var option in new Option[] { role, country, startup, investor, subject, lifetime, key, demo })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            try
            {
                var options = new AuthOptions
                {
                    SigningKey = parseResult.GetValue(key) ?? Environment.GetEnvironmentVariable("Auth__SigningKey"),
                    Issuer = Environment.GetEnvironmentVariable("Auth__Issuer") ?? new AuthOptions().Issuer,
                    Audience = Environment.GetEnvironmentVariable("Auth__Audience") ?? new AuthOptions().Audience,
                };
                var tokens = new LocalTokens(options, SystemClock.Instance);
                var valid = ParseLifetime(parseResult.GetValue(lifetime)!);
                if (parseResult.GetValue(demo) is { } name)
                {
                    var chosen = string.Equals(name, "all", StringComparison.OrdinalIgnoreCase)
                        ? DemoIdentities.All
                        : [DemoIdentities.Find(name) ?? throw new ArgumentException($"No demo identity '{name}'.")];
                    foreach (var identity in chosen)
                    {
                        Console.WriteLine(chosen.Count == 1 ? tokens.Mint(identity.Identity, valid) : $"{identity.Name}\t{tokens.Mint(identity.Identity, valid)}");
                    }

                    return ExitCodes.Ok;
                }

                var roles = parseResult.GetValue(role) ?? [];
                var countries = (parseResult.GetValue(country) ?? []).Select(c => c.Trim().ToUpperInvariant())
                    .Select(c => c == ClaimNames.AllCountries ? c : new CountryCode(c).Value).ToList();
                var who = parseResult.GetValue(subject) ?? DefaultSubject(roles, countries, parseResult.GetValue(startup), parseResult.GetValue(investor));
                Console.WriteLine(tokens.Mint(new TokenIdentity(who, roles, countries, parseResult.GetValue(startup), parseResult.GetValue(investor)), valid));
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is ArgumentException or AuthConfigurationException or DomainException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.UsageOrEnvironment;
            }
        });
        return command;
    }

    private static string DefaultSubject(string[] roles, List<string> countries, string? startup, string? investor)
    {
        var scope = startup ?? investor ?? string.Join("-", countries.Select(c => c == ClaimNames.AllCountries ? "all" : c.ToLowerInvariant()));
        return "local-" + string.Join("+", roles) + (scope.Length > 0 ? "-" + scope : string.Empty);
    }

    private static Duration ParseLifetime(string text)
    {
        if (text.Length >= 2 && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 's': return Duration.FromSeconds(amount);
                case 'm': return Duration.FromMinutes(amount);
                case 'h': return Duration.FromHours(amount);
                case 'd': return Duration.FromDays(amount);
            }
        }

        throw new ArgumentException($"--lifetime '{text}' must be a positive number followed by s, m, h or d (8h).");
    }
}

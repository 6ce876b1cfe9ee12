using System.Text.Json;
using Microsoft.Playwright;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>One axe-core finding: the rule, its impact and the elements (CSS selectors) that break it.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Impact} {Id}: {Help}\n    at {string.Join("\n    at ", Targets)}";
}

/// <summary>Runs axe-core (from npm, installed by build/browsers.sh) inside the page as it is now.</summary>
public static class Axe
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<string> Script = new(() => File.Exists(RepositoryPaths.AxeScript)
        ? File.ReadAllText(RepositoryPaths.AxeScript)
        : throw new InvalidOperationException($"{RepositoryPaths.AxeScript} not found: run build/browsers.sh (it installs axe-core with npm)."));

    /// <summary>Violations of impact serious or critical, the ones the issue forbids.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, not a script tag, so the page's own CSP does not apply to it.
        await page.EvaluateAsync(Script.Value);
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) })));
            }
            """);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }

    /// <summary>Fails listing every serious or critical violation on the page.</summary>
    public static async Task ShouldHaveNoSeriousViolationsAsync(IPage page, string pageName)
    {
        var violations = await SeriousViolationsAsync(page);
        violations.ShouldBeEmpty($"axe-core on {pageName} ({page.Url}):\n  {string.Join("\n  ", violations)}");
    }
}

using System.Reflection;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>Where things are on disk: axe-core, the screenshots and logs folders (the root is set by the csproj).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string AxeScript { get; } = Path.Combine(Root, "tests", "StartupFund.Browser.Tests", "axe", "node_modules", "axe-core", "axe.min.js");

    public static string Screenshots { get; } = Path.Combine(Root, "artifacts", "screenshots");

    public static string Logs { get; } = Path.Combine(Root, "artifacts", "browser-tests");

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}

using System.Globalization;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>Random seeds that are printed and can be given back through the environment to repeat a run.</summary>
public static class Seeds
{
    public static int Choose(string environmentVariable) =>
        int.TryParse(Environment.GetEnvironmentVariable(environmentVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next();
}

using System.Diagnostics;
using Xunit.Abstractions;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>Prints how long each phase of a test took (to keep the suite's time in view; nothing asserts on it).</summary>
public sealed class Phases(ITestOutputHelper output)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan last;

    public void Done(string phase)
    {
        var now = clock.Elapsed;
        output.WriteLine($"{phase}: {(now - last).TotalSeconds:F1} s");
        last = now;
    }
}

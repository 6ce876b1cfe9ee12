using System.Globalization;
using StartupFund.Benchmarks;

// Event store benchmark (our paths against a raw Npgsql baseline in the same run, reported as
// ratios), then the regulator's paths over a large log (rebuild, offline verify, replay as of).
var outDirectory = "artifacts/bench";
var scale = BenchScale.Full;
var only = "";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            outDirectory = args[++i];
            break;
        case "--quick":
            scale = BenchScale.Quick;
            break;
        case "--only" when i + 1 < args.Length && args[i + 1] is "eventstore" or "audit":
            only = args[++i];
            break;
        default:
            Console.Error.WriteLine($"bench: unknown argument '{args[i]}'. Usage: bench [--out DIR] [--quick] [--only eventstore|audit]");
            return 2;
    }
}

var connectionString = Environment.GetEnvironmentVariable("STARTUPFUND_DB");
if (string.IsNullOrEmpty(connectionString))
{
    Console.Error.WriteLine("bench: set STARTUPFUND_DB (./build.sh bench does it for the local database).");
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (only is "" or "eventstore")
{
    var results = await EventStoreBenchmark.RunAsync(connectionString, scale);
    results.Print(Console.Out);
    Console.WriteLine($"results written to {results.Write(outDirectory)}");
}

if (only is "" or "audit")
{
    var audit = await AuditBenchmark.RunAsync(connectionString, scale.AuditLogEvents, Path.GetTempPath());
    audit.Print(Console.Out);
    Console.WriteLine($"results written to {audit.Write(outDirectory)}");
}

return 0;

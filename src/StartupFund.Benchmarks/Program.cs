using System.Globalization;
using StartupFund.Benchmarks;

// Event store benchmark: our paths against a raw Npgsql baseline in the same run, reported as ratios.
var outDirectory = "artifacts/bench";
var scale = BenchScale.Full;
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
        default:
            Console.Error.WriteLine($"bench: unknown argument '{args[i]}'. Usage: bench [--out DIR] [--quick]");
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
var results = await EventStoreBenchmark.RunAsync(connectionString, scale);
results.Print(Console.Out);
var path = results.Write(outDirectory);
Console.WriteLine($"results written to {path}");
return 0;

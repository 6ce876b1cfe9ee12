using System.Globalization;
using StartupFund.Benchmarks.Http;

// HTTP benchmark: commands/s and latency of the real API process under a mixed workload at 16
// clients, beside a raw Npgsql append baseline (one stream row + one jsonb event per transaction).
var outDirectory = "artifacts/bench";
var apiDll = "src/StartupFund.Api/bin/Release/net10.0/StartupFund.Api.dll";
var quick = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            outDirectory = args[++i];
            break;
        case "--api" when i + 1 < args.Length:
            apiDll = args[++i];
            break;
        case "--quick":
            quick = true;
            break;
        default:
            Console.Error.WriteLine($"bench-http: unknown argument '{args[i]}'. Usage: bench-http [--out DIR] [--api PATH.dll] [--quick]");
            return 2;
    }
}

var connectionString = Environment.GetEnvironmentVariable("STARTUPFUND_DB");
if (string.IsNullOrEmpty(connectionString))
{
    Console.Error.WriteLine("bench-http: set STARTUPFUND_DB (./build.sh bench does it for the local database).");
    return 2;
}

if (!File.Exists(apiDll))
{
    Console.Error.WriteLine($"bench-http: {apiDll} not found; build src/StartupFund.Api -c Release first.");
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var settings = quick ? HttpBenchSettings.Quick : HttpBenchSettings.Full;
var results = await HttpBenchmark.RunAsync(connectionString, Path.GetFullPath(apiDll), settings);
var path = results.Write(outDirectory);
Console.WriteLine($"results written to {path}");
return 0;

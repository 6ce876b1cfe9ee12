using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace StartupFund.Benchmarks.Http;

public sealed record WorkloadResult(double CommandsPerSecond, double RequestsPerSecond, double P50Ms, double P99Ms, double CommandP50Ms, double CommandP99Ms, long Errors);

internal static class Workload
{
    public static async Task<WorkloadResult> RunAsync(HttpClient http, HttpBenchSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var measureFrom = settings.Warmup;
        var measureTo = settings.Warmup + settings.Measure;
        var perClient = await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(client => Task.Run(async () =>
        {
            var samples = new Samples();
            var fund = $"bench-fund-{client % settings.Funds}";
            for (var iteration = 0; clock.Elapsed < measureTo; iteration++)
            {
                var app = $"bench-app-{client}-{iteration}";
                async Task Step(bool command, Func<Task<bool>> request)
                {
                    var started = clock.Elapsed;
                    var ok = await request();
                    var ended = clock.Elapsed;
                    if (started >= measureFrom && ended <= measureTo)
                    {
                        samples.Add(command, (ended - started).TotalMilliseconds, ok);
                    }
                }

                await Step(true, () => TryPostAsync(http, "/applications", $$"""
                    {"id":"{{app}}","fundId":"{{fund}}","startup":{"name":"Startup {{app}}","registrationNumber":"HRB-{{app}}","country":"DE"},
                     "sector":"AI","stage":"seed","instrument":"equity","requested":{"amount":"100000.00","currency":"EUR"},"summary":"Benchmark startup."}
                    """));
                await Step(true, () => TryPostAsync(http, $"/applications/{app}/review", ""));
                await Step(false, () => TryGetAsync(http, $"/applications/{app}"));
                await Step(true, () => TryPostAsync(http, $"/applications/{app}/approval",
                    """{"amount":{"amount":"100000.00","currency":"EUR"},"tranches":[{"amount":{"amount":"100000.00","currency":"EUR"},"milestone":"Pilot","dueDate":"2026-06-01"}]}"""));
                await Step(true, () => TryPostAsync(http, $"/applications/{app}/offer/acceptance", ""));
                await Step(false, () => TryGetAsync(http, "/countries/DE/balance"));
                await Step(true, () => TryPostAsync(http, $"/applications/{app}/tranches/1/milestone/report", """{"evidence":"Pilot signed"}"""));
                await Step(true, () => TryPostAsync(http, $"/applications/{app}/tranches/1/milestone/verification", ""));
                await Step(true, () => TryPostAsync(http, $"/applications/{app}/tranches/1/disbursement", $$"""{"valueDate":"2026-03-10","paymentReference":"PAY-{{app}}"}"""));
                await Step(false, () => TryGetAsync(http, $"/funds/{fund}/journal?limit=20"));
            }

            return samples;
        })));

        var seconds = settings.Measure.TotalSeconds;
        var all = perClient.SelectMany(s => s.All).Order().ToArray();
        var commands = perClient.SelectMany(s => s.Commands).Order().ToArray();
        var commandsOk = perClient.Sum(s => s.CommandsOk);
        return new WorkloadResult(commandsOk / seconds, all.Length / seconds, Percentile(all, 0.50), Percentile(all, 0.99),
            Percentile(commands, 0.50), Percentile(commands, 0.99), perClient.Sum(s => s.Errors));
    }

    public static async Task PostAsync(HttpClient http, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<bool> TryPostAsync(HttpClient http, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        await response.Content.CopyToAsync(Stream.Null);
        return response.IsSuccessStatusCode;
    }

    private static async Task<bool> TryGetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        await response.Content.CopyToAsync(Stream.Null);
        return response.IsSuccessStatusCode;
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private sealed class Samples
    {
        public List<double> All { get; } = [];

        public List<double> Commands { get; } = [];

        public long CommandsOk { get; private set; }

        public long Errors { get; private set; }

        public void Add(bool command, double milliseconds, bool ok)
        {
            All.Add(milliseconds);
            if (command)
            {
                Commands.Add(milliseconds);
                if (ok)
                {
                    CommandsOk++;
                }
            }

            if (!ok)
            {
                Errors++;
            }
        }
    }

    internal static string Invariant(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace StartupFund.Benchmarks.Http;

/// <summary>One window of load: every request's latency, and how many commands succeeded.</summary>
public sealed record LoadRound(double[] All, double[] Commands, long CommandsOk, long Errors, double Seconds)
{
    public double CommandsPerSecond => CommandsOk / Seconds;

    public double RequestsPerSecond => All.Length / Seconds;

    public static double[] Pooled(IEnumerable<LoadRound> rounds, bool commandsOnly) =>
        [.. rounds.SelectMany(r => commandsOnly ? r.Commands : r.All).Order()];

    public static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}

internal static class Workload
{
    /// <summary>One tranche due a year from now: the API refuses a tranche due before the approval.</summary>
    private static readonly string Approval = $$"""
        {"amount":{"amount":"100000.00","currency":"EUR"},"tranches":[{"amount":{"amount":"100000.00","currency":"EUR"},"milestone":"Pilot","dueDate":"{{DateTime.UtcNow.AddYears(1):yyyy-MM-dd}}"}]}
        """;

    /// <summary>
    /// Runs every client for <paramref name="ramp"/> + <paramref name="measure"/> and measures the
    /// requests that start after the ramp and end within the window. <paramref name="label"/> keeps
    /// each call's application ids apart.
    /// </summary>
    public static async Task<LoadRound> RunAsync(HttpClient http, BenchTokens tokens, HttpBenchSettings settings, string label, TimeSpan ramp, TimeSpan measure)
    {
        var clock = Stopwatch.StartNew();
        var measureFrom = ramp;
        var measureTo = ramp + measure;
        var perClient = await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(client => Task.Run(async () =>
        {
            var samples = new Samples();
            var fund = $"bench-fund-{client % settings.Funds}";
            for (var iteration = 0; clock.Elapsed < measureTo; iteration++)
            {
                var app = $"bench-app-{label}-{client}-{iteration}";
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

                await Step(true, () => TryPostAsync(http, tokens.Startup, "/applications", $$"""
                    {"id":"{{app}}","fundId":"{{fund}}","startup":{"name":"Startup {{app}}","registrationNumber":"HRB-{{app}}","country":"DE"},
                     "sector":"AI","stage":"seed","instrument":"equity","requested":{"amount":"100000.00","currency":"EUR"},"summary":"Benchmark startup."}
                    """));
                await Step(true, () => TryPostAsync(http, tokens.Manager, $"/applications/{app}/review", ""));
                await Step(false, () => TryGetAsync(http, tokens.Startup, $"/applications/{app}"));
                await Step(true, () => TryPostAsync(http, tokens.Manager, $"/applications/{app}/approval",
                    Approval));
                await Step(true, () => TryPostAsync(http, tokens.Startup, $"/applications/{app}/offer/acceptance", ""));
                await Step(false, () => TryGetAsync(http, tokens.Manager, "/countries/DE/balance"));
                await Step(true, () => TryPostAsync(http, tokens.Startup, $"/applications/{app}/tranches/1/milestone/report", """{"evidence":"Pilot signed"}"""));
                await Step(true, () => TryPostAsync(http, tokens.Manager, $"/applications/{app}/tranches/1/milestone/verification", ""));
                await Step(true, () => TryPostAsync(http, tokens.Manager, $"/applications/{app}/tranches/1/disbursement", $$"""{"valueDate":"{{DateTime.UtcNow:yyyy-MM-dd}}","paymentReference":"PAY-{{app}}"}"""));
                await Step(false, () => TryGetAsync(http, tokens.Manager, $"/funds/{fund}/journal?limit=20"));
            }

            return samples;
        })));

        return new LoadRound([.. perClient.SelectMany(s => s.All)], [.. perClient.SelectMany(s => s.Commands)],
            perClient.Sum(s => s.CommandsOk), perClient.Sum(s => s.Errors), measure.TotalSeconds);
    }

    public static async Task PostAsync(HttpClient http, string token, string path, string body)
    {
        using var request = Request(HttpMethod.Post, token, path, body);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<bool> TryPostAsync(HttpClient http, string token, string path, string body)
    {
        using var request = Request(HttpMethod.Post, token, path, body);
        using var response = await http.SendAsync(request);
        await response.Content.CopyToAsync(Stream.Null);
        return response.IsSuccessStatusCode;
    }

    private static async Task<bool> TryGetAsync(HttpClient http, string token, string path)
    {
        using var request = Request(HttpMethod.Get, token, path, null);
        using var response = await http.SendAsync(request);
        await response.Content.CopyToAsync(Stream.Null);
        return response.IsSuccessStatusCode;
    }

    private static HttpRequestMessage Request(HttpMethod method, string token, string path, string? body)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

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
}

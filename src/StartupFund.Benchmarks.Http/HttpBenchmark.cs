using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Npgsql;
using StartupFund.EventStore;

namespace StartupFund.Benchmarks.Http;

/// <param name="Warmup">Load before the first round, while the runtime recompiles the API's hot methods.</param>
/// <param name="Rounds">Rounds of raw baseline then HTTP load, alternated so that the machine's drift falls on both alike.</param>
public sealed record HttpBenchSettings(int Clients, TimeSpan Warmup, int Rounds, TimeSpan Baseline, TimeSpan Measure, int Funds)
{
    /// <summary>
    /// A 30-second warm-up: the runtime recompiles hot methods (instrumented, then optimised) for
    /// about 20 seconds after the API starts; after a 5-second warm-up its compiler thread still
    /// took 14% of the machine during the measurement. Then 3 rounds of 5 s baseline and 10 s load.
    /// </summary>
    public static HttpBenchSettings Full { get; } = new(16, TimeSpan.FromSeconds(30), 3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), 8);

    public static HttpBenchSettings Quick { get; } = new(16, TimeSpan.FromSeconds(2), 1, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5), 8);

    /// <summary>Each round's own short ramp: clients start together, so their first steps are not measured.</summary>
    public static TimeSpan RoundRamp { get; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Starts the API as its own process on a scratch database, opens funds, then runs clients that each
/// repeat a startup's life (submit, review, approve, accept, report, verify, disburse = 7 commands)
/// interleaved with 3 reads (the application, the country balance, the fund's journal). After the
/// warm-up, rounds alternate the raw baseline (the API idle) with the load; each figure is the median
/// of the rounds, so a pause of the shared machine moves one round, not the result.
/// </summary>
public static class HttpBenchmark
{
    public static async Task<BenchResults> RunAsync(string serverConnectionString, string apiDll, HttpBenchSettings settings)
    {
        var database = $"sf_bench_api_{Guid.NewGuid():N}";
        await ExecuteAsync(serverConnectionString, $"create database \"{database}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database, MaxPoolSize = 64 }.ConnectionString;
        try
        {
            var results = new BenchResults("api.json");
            await using var dataSource = StoreDataSource.Create(connectionString);   // the settings the API runs with
            results.PostgresVersion = (string)(await dataSource.CreateCommand("select version()").ExecuteScalarAsync())!;
            await RawBaseline.CreateTablesAsync(dataSource);
            // Unmeasured: cold, the baseline ran at 55-80% of its later rate (this process had not yet
            // compiled its hot path), and a ratio to it flattered the API.
            await RawBaseline.RunAsync(dataSource, settings.Clients, settings.Baseline, round: 0);

            var port = FreePort();
            var tokens = BenchTokens.Create();
            using var server = StartApi(apiDll, connectionString, port, tokens.SigningKey);
            try
            {
                using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
                using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(30) };
                await WaitReadyAsync(http, server);
                for (var fund = 0; fund < settings.Funds; fund++)
                {
                    await OpenFundAsync(http, tokens.Admin, $"bench-fund-{fund}");
                }

                Console.WriteLine($"http: {settings.Clients} clients, warm-up {settings.Warmup.TotalSeconds:N0}s, then {settings.Rounds} rounds of " +
                    $"{settings.Baseline.TotalSeconds:N0}s raw baseline and {settings.Measure.TotalSeconds:N0}s load ...");
                await Workload.RunAsync(http, tokens, settings, "warm", TimeSpan.Zero, settings.Warmup);
                var rounds = new List<(double BaselineTx, LoadRound Load)>();
                for (var round = 1; round <= settings.Rounds; round++)
                {
                    var baselineTx = await RawBaseline.RunAsync(dataSource, settings.Clients, settings.Baseline, round);
                    var load = await Workload.RunAsync(http, tokens, settings, $"r{round}", HttpBenchSettings.RoundRamp, settings.Measure);
                    Console.WriteLine($"round {round}: baseline {baselineTx:N0} tx/s, http {load.CommandsPerSecond:N0} commands/s, ratio {load.CommandsPerSecond / baselineTx:N3}");
                    rounds.Add((baselineTx, load));
                }

                server.Refresh();
                var peakRssMb = PeakRssMb(server.Id);
                var loads = rounds.Select(r => r.Load).ToList();
                var all = LoadRound.Pooled(loads, commandsOnly: false);
                var commands = LoadRound.Pooled(loads, commandsOnly: true);
                results.Add("append_baseline_tx_per_s", BenchResults.Median(rounds.Select(r => r.BaselineTx)), "tx/s", "raw Npgsql: 1 stream row + 1 jsonb event per transaction; median of the rounds");
                results.Add("http_commands_per_s", BenchResults.Median(loads.Select(l => l.CommandsPerSecond)), "cmd/s", "mixed: submit, review, approve, accept, report, verify, disburse; median of the rounds");
                results.Add("http_requests_per_s", BenchResults.Median(loads.Select(l => l.RequestsPerSecond)), "req/s", "commands and reads");
                results.Add("http_p50_ms", LoadRound.Percentile(all, 0.50), "ms", "all requests of all rounds");
                results.Add("http_p99_ms", LoadRound.Percentile(all, 0.99), "ms", "all requests; goal < 50");
                results.Add("http_command_p50_ms", LoadRound.Percentile(commands, 0.50), "ms", "commands only");
                results.Add("http_command_p99_ms", LoadRound.Percentile(commands, 0.99), "ms", "commands only");
                results.Add("http_errors", loads.Sum(l => l.Errors), "count", "non-2xx responses in the measured windows; goal 0");
                results.Add("http_ratio_to_append_baseline", BenchResults.Median(rounds.Select(r => r.Load.CommandsPerSecond / r.BaselineTx)), "ratio",
                    "median of the rounds' ratios; goal >= 0.5");
                results.Add("http_peak_rss_mb", peakRssMb, "MB", "server VmHWM; goal < 300");
            }
            finally
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                    await server.WaitForExitAsync();
                }
            }

            results.Print(Console.Out);
            return results;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(serverConnectionString, $"drop database if exists \"{database}\" with (force)");
        }
    }

    private static Process StartApi(string apiDll, string connectionString, int port, string signingKey)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
        };
        start.ArgumentList.Add(apiDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(apiDll)!);
        start.Environment["ConnectionStrings__StartupFund"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__SigningKey"] = signingKey;
        // A benchmark is one caller sending as fast as it can: the per-caller limit would measure itself.
        start.Environment["RateLimit__PermitsPerWindow"] = "0";
        // Per-request access logs off for the measurement; warnings and errors still log as JSON.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the API process.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("api: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient http, Process server)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {server.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The API did not become ready within 60 s.");
    }

    private static async Task OpenFundAsync(HttpClient http, string admin, string id)
    {
        await Workload.PostAsync(http, admin, "/funds", $$"""
            {"id":"{{id}}","country":"DE","name":"Bench fund {{id}}","currency":"EUR",
             "policy":{"ticketMin":{"amount":"1.00","currency":"EUR"},"ticketMax":{"amount":"1000000.00","currency":"EUR"},"matching":{"preset":"none"},"minimumReviewerScores":0} }
            """);
        await Workload.PostAsync(http, admin, $"/funds/{id}/commitments",
            """{"sponsorId":"gov","sponsorName":"Government","kind":"government","amount":{"amount":"100000000000.00","currency":"EUR"}}""");
        await Workload.PostAsync(http, admin, $"/funds/{id}/capital-calls",
            $$"""{"callId":"c1","sponsorId":"gov","amount":{"amount":"100000000000.00","currency":"EUR"},"dueDate":"{{DateTime.UtcNow.AddDays(30):yyyy-MM-dd}}"}""");
        await Workload.PostAsync(http, admin, $"/funds/{id}/capital-calls/c1/receipts",
            $$"""{"amount":{"amount":"100000000000.00","currency":"EUR"},"valueDate":"{{DateTime.UtcNow:yyyy-MM-dd}}"}""");
    }

    private static double PeakRssMb(int pid)
    {
        var status = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(status))
        {
            return double.NaN;
        }

        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                return kilobytes / 1024.0;
            }
        }

        return double.NaN;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The physical ceiling our command path is compared with: one stream row and one jsonb event per transaction.</summary>
internal static class RawBaseline
{
    public static async Task CreateTablesAsync(NpgsqlDataSource dataSource)
    {
        await using var create = dataSource.CreateCommand("""
            create table raw_streams (id text primary key, version bigint not null);
            create table raw_events (seq bigint generated always as identity primary key, stream_id text not null, version bigint not null, data jsonb not null);
            """);
        await create.ExecuteNonQueryAsync();
    }

    public static async Task<double> RunAsync(NpgsqlDataSource dataSource, int clients, TimeSpan duration, int round)
    {
        var payload = JsonSerializer.Serialize(new { applicationId = "app-00000000", amount = new { minorUnits = 10_000_000, currency = "EUR" }, at = "2026-03-02T09:00:00Z" });
        long total = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            long count = 0;
            while (clock.Elapsed < duration)
            {
                var id = $"raw-{round}-{client}-{count}";
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await using (var stream = new NpgsqlCommand("insert into raw_streams (id, version) values ($1, 1)", connection, transaction))
                {
                    stream.Parameters.Add(new NpgsqlParameter { Value = id });
                    await stream.ExecuteNonQueryAsync();
                }

                await using (var insert = new NpgsqlCommand("insert into raw_events (stream_id, version, data) values ($1, 1, $2::jsonb)", connection, transaction))
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = id });
                    insert.Parameters.Add(new NpgsqlParameter { Value = payload });
                    await insert.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
                count++;
            }

            Interlocked.Add(ref total, count);
        })));
        return total / clock.Elapsed.TotalSeconds;
    }
}

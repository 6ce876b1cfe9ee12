using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>
/// The real API (and the web app it serves under /app) as a child process on a free loopback port,
/// started from its build output the way build/run.sh starts it. Keeps the last lines it printed
/// so a failing test can show them.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private const int KeptLogLines = 400;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly ConcurrentQueue<string> log = new();

    private ApiProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string RecentLog => string.Join('\n', log);

    public static async Task<ApiProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> environment)
    {
        var apiDll = Path.Combine(RepositoryPaths.ApiDirectory, "StartupFund.Api.dll");
        if (!File.Exists(apiDll))
        {
            throw new InvalidOperationException($"{apiDll} not found: build src/StartupFund.Api in the tests' configuration first.");
        }

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.ApiDirectory,
        };
        start.ArgumentList.Add(apiDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(RepositoryPaths.ApiDirectory);
        start.Environment["ConnectionStrings__StartupFund"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the API process.");
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        process.OutputDataReceived += (_, e) => api.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => api.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await api.WaitReadyAsync();
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }

        return api;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }

        Directory.CreateDirectory(RepositoryPaths.Logs);
        await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.Logs, "api.log"), RecentLog + "\n");
        process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartDeadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API process exited with {process.ExitCode} before it was ready:\n{RecentLog}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // a slow first answer; ask again
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The API was not ready within {StartDeadline.TotalSeconds} s:\n{RecentLog}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        log.Enqueue(line);
        while (log.Count > KeptLogLines && log.TryDequeue(out _))
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

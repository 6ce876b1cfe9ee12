using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace StartupFund.Testing;

/// <summary>
/// The real API (and the web app it serves under /app) as its own OS process: the build output of
/// src/StartupFund.Api in the tests' configuration (Release on the CI), run with dotnet on a free
/// loopback port, the way build/run.sh starts it. It can be killed (SIGKILL) and started again on
/// the same port and database. Keeps the last lines it printed so a failing test can show them.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 400;
    private const int KeptLineLength = 2000;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadinessRequestTimeout = TimeSpan.FromSeconds(5);

    private readonly string connectionString;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly bool accessLog;
    private readonly Queue<string> output = new();
    private readonly Lock outputGate = new();
    private Process? process;

    /// <param name="connectionString">The database the API uses (ConnectionStrings__StartupFund).</param>
    /// <param name="environment">More environment variables for the process, e.g. Auth__SigningKey.</param>
    /// <param name="accessLog">False logs warnings and errors only: thousands of requests would only slow a load test.</param>
    public ApiProcess(string connectionString, IReadOnlyDictionary<string, string>? environment = null, bool accessLog = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        this.connectionString = connectionString;
        this.environment = environment ?? new Dictionary<string, string>();
        this.accessLog = accessLog;
        BaseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>The same on every start, so a client keeps working across a kill and a restart.</summary>
    public Uri BaseAddress { get; }

    /// <summary>When set, the kept output is written to this file on dispose (CI keeps it as an artifact).</summary>
    public string? OutputFile { get; init; }

    /// <summary>The API's build output of the same configuration as these tests (set by StartupFund.Testing.csproj).</summary>
    public static string ApiDirectory { get; } =
        typeof(ApiProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ApiDirectory").Value
        ?? throw new InvalidOperationException("Assembly metadata ApiDirectory is missing.");

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (outputGate)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>Starts the process and waits until /health/ready answers 200; kills it if it does not.</summary>
    public async Task StartAsync()
    {
        if (process is { HasExited: false })
        {
            throw new InvalidOperationException("The API is already running.");
        }

        var apiDll = Path.Combine(ApiDirectory, "StartupFund.Api.dll");
        if (!File.Exists(apiDll))
        {
            throw new FileNotFoundException($"{apiDll} not found: build src/StartupFund.Api in the tests' configuration first.", apiDll);
        }

        process?.Dispose();
        process = Process.Start(StartInfo(apiDll)) ?? throw new InvalidOperationException("Cannot start the API process.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitReadyAsync().ConfigureAwait(false);
        }
        catch
        {
            // a process that never became ready must not outlive the test that gives up on it
            await StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly what a crash or an OOM kill does.</summary>
    public async Task KillAsync()
    {
        if (process is null || process.HasExited)
        {
            throw new InvalidOperationException("The API is not running.");
        }

        process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(ExitDeadline);
        await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
    }

    /// <summary>Waits until /health/ready answers 200, e.g. after the database came back.</summary>
    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = ReadinessRequestTimeout };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartDeadline)
        {
            if (process is { HasExited: true })
            {
                // HasExited can be seen before the last lines were read: this waits for the output's end too.
                await process.WaitForExitAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"The API exited with code {process.ExitCode} before it was ready:\n{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative)).ConfigureAwait(false);
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

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"The API was not ready within {StartDeadline.TotalSeconds} s:\n{RecentOutput}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        process?.Dispose();
        process = null;
        if (OutputFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(OutputFile)!);
            await File.WriteAllTextAsync(OutputFile, RecentOutput + "\n").ConfigureAwait(false);
        }
    }

    private async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            using var deadline = new CancellationTokenSource(ExitDeadline);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
    }

    private ProcessStartInfo StartInfo(string apiDll)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ApiDirectory,
        };
        start.ArgumentList.Add(apiDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.GetLeftPart(UriPartial.Authority));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(ApiDirectory);
        start.Environment["ConnectionStrings__StartupFund"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (!accessLog)
        {
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Warning";
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (outputGate)
        {
            output.Enqueue(line.Length > KeptLineLength ? line[..KeptLineLength] : line);
            if (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

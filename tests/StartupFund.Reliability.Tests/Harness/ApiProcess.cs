using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>
/// The real API as its own OS process (the Release build of src/StartupFund.Api, run with dotnet) on
/// a free loopback port. It can be killed with SIGKILL and started again on the same port and database.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 400;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    private readonly string connectionString;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly Queue<string> output = new();
    private readonly Lock outputGate = new();
    private Process? process;

    public ApiProcess(string connectionString, IReadOnlyDictionary<string, string>? environment = null)
    {
        this.connectionString = connectionString;
        this.environment = environment ?? new Dictionary<string, string>();
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Starts { get; private set; }

    /// <summary>The API's build output in the same configuration as these tests (Release on the CI).</summary>
    public static string ApiDll
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testOutput.Parent!.Name;
            var root = testOutput;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "StartupFund.sln")))
            {
                root = root.Parent;
            }

            var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("StartupFund.sln not found above " + AppContext.BaseDirectory),
                "src", "StartupFund.Api", "bin", configuration, "net10.0", "StartupFund.Api.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/StartupFund.Api -c {configuration} first.", dll);
        }
    }

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

    public async Task StartAsync(ApiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (process is { HasExited: false })
        {
            throw new InvalidOperationException("The API is already running.");
        }

        var dll = ApiDll;
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(dll)!);
        start.Environment["ConnectionStrings__StartupFund"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Access logs off: thousands of requests would only slow the run. Warnings and errors still log.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the API process.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Starts++;
        await WaitReadyAsync(client).ConfigureAwait(false);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly what a crash or an OOM kill does.</summary>
    public async Task KillAsync()
    {
        if (process is null || process.HasExited)
        {
            throw new InvalidOperationException("The API is not running.");
        }

        process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
    }

    public async Task WaitReadyAsync(ApiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartDeadline)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"The API exited with code {process.ExitCode}:\n{RecentOutput}");
            }

            var reply = await client.GetAsync("/health/ready").ConfigureAwait(false);
            if (reply.Status == 200)
            {
                return;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"The API was not ready within {StartDeadline.TotalSeconds} s:\n{RecentOutput}");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (outputGate)
        {
            output.Enqueue(line.Length > 2000 ? line[..2000] : line);
            if (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb under a temp directory, a free loopback port), so
/// it can be stopped and started without disturbing the shared server every other test uses. As
/// root the server runs as the <c>postgres</c> OS user, as build/db.sh does (it refuses root).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string User = "startupfund";
    private const string Password = "startupfund";
    private const string Database = "reliability";

    private readonly string directory;
    private readonly string binDirectory;

    private PrivatePostgres(string directory, string binDirectory, int port)
    {
        this.directory = directory;
        this.binDirectory = binDirectory;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(directory, "data");

    private string LogFile => Path.Combine(directory, "postgres.log");

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Password = Password,
        Database = Database,
        Timeout = 5,
        CommandTimeout = 15,
    }.ConnectionString;

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PrivatePostgres> CreateAsync()
    {
        var bin = FindBinDirectory();
        var directory = Path.Combine(Path.GetTempPath(), "sf-reliability-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var cluster = new PrivatePostgres(directory, bin, FreePort());
        try
        {
            await cluster.InitAsync().ConfigureAwait(false);
            await cluster.StartAsync().ConfigureAwait(false);
            var admin = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"create database {Database}", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task StartAsync() => RunServerToolAsync("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start");

    /// <summary>What an operator's restart does first: disconnect every session and shut down (fast mode).</summary>
    public Task StopAsync() => RunServerToolAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop");

    public string ServerLog => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunServerToolAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop").ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // already stopped; the directory goes anyway
            }
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }

    private async Task InitAsync()
    {
        var passwordFile = Path.Combine(directory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, Password + "\n").ConfigureAwait(false);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres", directory]).ConfigureAwait(false);
        }

        await RunServerToolAsync("initdb", "-D", DataDirectory, "-U", User, "--pwfile=" + passwordFile, "--auth-host=scram-sha-256",
            "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync").ConfigureAwait(false);
        File.Delete(passwordFile);
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {Port.ToString(CultureInfo.InvariantCulture)}
            unix_socket_directories = ''
            max_connections = 100
            shared_buffers = 32MB

            """).ConfigureAwait(false);
    }

    private Task RunServerToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(binDirectory, tool);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output.ConfigureAwait(false)}\n{await error.ConfigureAwait(false)}");
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        foreach (var candidate in candidates.Append("/usr/local/bin").Append("/usr/bin"))
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found; ./build.sh db start installs them.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;

namespace StartupFund.Api.Tests.Security;

/// <summary>The real API process, started with no key configured: it must refuse to start and say why, not serve open.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task The_api_refuses_to_start_without_any_token_key()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StartupFund.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment.Remove("Auth__SigningKey");
        start.Environment.Remove("Auth__PublicKeyFile");
        start.Environment.Remove("Auth__JwksFile");
        start.Environment["ConnectionStrings__StartupFund"] = "Host=127.0.0.1;Port=1;Username=none;Database=none";

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The API without a key kept running: " + await stdout);
        }

        process.ExitCode.ShouldBe(1);
        var message = await stderr;
        message.ShouldContain("refuses to start");
        message.ShouldContain("Auth:SigningKey");
    }
}

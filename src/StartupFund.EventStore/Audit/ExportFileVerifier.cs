using System.Text.Json;
using StartupFund.EventStore.Hashing;

namespace StartupFund.EventStore.Audit;

/// <summary>
/// Verifies an export file with nothing but the file: every event's hash recomputed from its
/// fields and its predecessor in the stream, versions 1..N without gaps, the log order, each
/// stream's head, and the closing digest. Optionally against a digest kept elsewhere, which is
/// what proves the file was not rewritten wholesale (anyone can recompute unkeyed hashes).
/// </summary>
public static class ExportFileVerifier
{
    public const int MaxBreaksReported = 1_000;

    public static async Task<ExportVerificationReport> VerifyAsync(TextReader reader, LogDigest? trusted = null, IProgress<long>? progress = null)
    {
        var state = new ExportChecker(trusted);
        await foreach (var line in ExportFile.ReadAsync(reader).ConfigureAwait(false))
        {
            state.Accept(line);
            if (state.Events % 10_000 == 0 && line.Kind == "event")
            {
                progress?.Report(state.Events);
            }
        }

        return state.Finish();
    }
}

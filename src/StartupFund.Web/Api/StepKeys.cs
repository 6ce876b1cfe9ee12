using System.Security.Cryptography;
using System.Text.Json;

namespace StartupFund.Web.Api;

/// <summary>
/// A form that sends more than one command gives each its own Idempotency-Key: the form's key, the step
/// and a digest of the step's request. The same form sent again (a double click, a retry after a refusal)
/// makes the same keys for the same requests, so the API replays what was recorded instead of recording
/// it twice; a corrected field makes a different request under a different key, never
/// <c>idempotency.key_reused</c>.
/// </summary>
public static class StepKeys
{
    /// <summary>Hex characters of the request's digest kept in the key (64 bits: no two requests of one form collide).</summary>
    private const int DigestChars = 16;

    /// <summary>The step's key, or null when the form sent none (then nothing is idempotent, as for the form itself).</summary>
    public static string? For(string? formKey, string step, object request)
    {
        if (string.IsNullOrEmpty(formKey))
        {
            return null;
        }

        var digest = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, ApiClient.Json));
        return $"{formKey}-{step}-{Convert.ToHexStringLower(digest)[..DigestChars]}";
    }
}

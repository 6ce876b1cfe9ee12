using System.Text.Json;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Pipeline;

namespace StartupFund.Api.Http;

/// <summary>
/// Reads a command body by hand rather than through model binding: the raw bytes are needed for the
/// idempotency fingerprint, and every malformation becomes our own 400 with the failing JSON path.
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T Body, byte[] Bytes)> ReadAsync<T>(HttpContext http, bool allowEmpty = false) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentLength > MaxBytes)
        {
            throw new PayloadTooLargeException();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new PayloadTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return allowEmpty
                ? (new T(), bytes)
                : throw new RequestValidationException([new FieldError("$", LedgerErrorCodes.RequestMalformed, "A JSON body is required.")]);
        }

        if (http.Request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !contentType.Contains("+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestValidationException([new FieldError("Content-Type", LedgerErrorCodes.RequestMalformed, "The body must be application/json.")]);
        }

        try
        {
            var body = JsonSerializer.Deserialize<T>(bytes, LedgerJson.Api);
            return body is null
                ? throw new RequestValidationException([new FieldError("$", LedgerErrorCodes.RequestMalformed, "The body must be a JSON object.")])
                : (body, bytes);
        }
        catch (JsonException e)
        {
            throw new RequestValidationException([JsonBodyErrors.Describe(e, bytes, typeof(T))]);
        }
    }
}

public sealed class PayloadTooLargeException() : Exception($"The body is larger than {RequestBody.MaxBytes} bytes.");

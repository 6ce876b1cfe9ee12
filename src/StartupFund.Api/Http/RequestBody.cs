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

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    public static async Task<(T Body, byte[] Bytes)> ReadAsync<T>(HttpContext http, bool allowEmpty = false) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(http);
        RefuseUnreadableForms(http.Request);
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

        // A byte-order mark says nothing in UTF-8 (editors on Windows still write one): read past it, and
        // fingerprint the body without it, so a retry saved by another editor is the same request.
        var sent = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var bytes = (sent.StartsWith(Utf8ByteOrderMark) ? sent[Utf8ByteOrderMark.Length..] : sent).ToArray();
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

    /// <summary>
    /// JSON is read as UTF-8, uncompressed: a body announced in another charset or a content encoding would be
    /// misread (or read although the header says it cannot be), so it is refused before it is read.
    /// </summary>
    private static void RefuseUnreadableForms(HttpRequest request)
    {
        if (request.Headers.ContentEncoding.Any(encoding => !string.Equals(encoding?.Trim(), "identity", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UnsupportedMediaTypeException("Send the body uncompressed: no Content-Encoding is accepted.");
        }

        if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.Charset is { Length: > 0 } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException($"The body is read as UTF-8 JSON: charset '{charset}' is not accepted.");
        }
    }
}

/// <summary>A body in a form this API does not read: a 415, not a 400 about JSON it never saw.</summary>
public sealed class UnsupportedMediaTypeException(string message) : Exception(message);

public sealed class PayloadTooLargeException() : Exception($"The body is larger than {RequestBody.MaxBytes} bytes.");

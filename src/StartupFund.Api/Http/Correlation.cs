namespace StartupFund.Api.Http;

/// <summary>
/// Every request gets a correlation id (X-Correlation-Id if the caller sent a sane one, else a new
/// one): echoed in the response, carried by every log line's scope and stored in event metadata.
/// </summary>
public sealed class Correlation(RequestDelegate next, ILogger<Correlation> logger)
{
    public const string Header = "X-Correlation-Id";
    private const int MaxLength = 100;

    private static readonly Func<ILogger, string, IDisposable?> CorrelationScope =
        LoggerMessage.DefineScope<string>("CorrelationId:{CorrelationId}");

    public static string IdOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[Header] as string ?? http.TraceIdentifier;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var given = http.Request.Headers[Header].ToString();
        var id = given.Length is > 0 and <= MaxLength && given.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? given
            : Guid.NewGuid().ToString("N");
        http.Items[Header] = id;
        http.Response.Headers[Header] = id;
        using (CorrelationScope(logger, id))
        {
            await next(http).ConfigureAwait(false);
        }
    }
}

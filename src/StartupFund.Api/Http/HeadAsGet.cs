namespace StartupFund.Api.Http;

/// <summary>
/// HEAD is GET without the body (RFC 9110, 9.3.2): the GET endpoint answers it, so a client can read
/// a resource's status and ETag without its representation. Routing alone would give HEAD a 404,
/// since no endpoint names it. The body is thrown away here too, not only by Kestrel.
/// </summary>
public sealed class HeadAsGet(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var body = http.Response.Body;
        http.Request.Method = HttpMethods.Get;
        http.Response.Body = Stream.Null;
        try
        {
            await next(http).ConfigureAwait(false);
        }
        finally
        {
            http.Request.Method = HttpMethods.Head;
            http.Response.Body = body;
        }
    }
}

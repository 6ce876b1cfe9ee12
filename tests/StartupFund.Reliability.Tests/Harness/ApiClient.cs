using System.Net.Http.Headers;
using StartupFund.Security;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>
/// The one place every request of these tests goes through: it adds the caller's bearer token (when
/// authentication is on), the Idempotency-Key and the correlation id, and bounds each request in time
/// so that a hang is seen as one instead of stalling the test.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Tokens tokens;
    private readonly TimeSpan requestTimeout;

    public ApiClient(Uri baseAddress, Tokens tokens, TimeSpan requestTimeout, int maxConnections = 64)
    {
        this.tokens = tokens;
        this.requestTimeout = requestTimeout;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // a killed server leaves dead pooled connections behind; do not keep them for long
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            // header values go out as UTF-8 bytes, so a test can send non-ASCII ones and see them refused
            RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8,
        };
        http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Task<ApiReply> GetAsync(string path, TokenIdentity? caller = null) => SendAsync(new ApiRequest(HttpMethod.Get, path, caller));

    public async Task<ApiReply> SendAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.RawTarget
            ? new Uri(http.BaseAddress!.GetLeftPart(UriPartial.Authority) + request.Path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true })
            : new Uri(request.Path, UriKind.Relative);
        using var message = new HttpRequestMessage(request.Method, target);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        if (tokens.For(request.Caller) is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (request.IdempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        }

        message.Headers.TryAddWithoutValidation("X-Correlation-Id", request.CorrelationId);
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        try
        {
            using var response = await http.SendAsync(message, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            return new ApiReply((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, response.Headers);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiReply.NoAnswer($"no answer within {requestTimeout.TotalSeconds} s") with { TimedOut = true };
        }
        catch (HttpRequestException e)
        {
            return ApiReply.NoAnswer(e.Message + (e.InnerException is { } inner ? " (" + inner.Message + ")" : ""));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return ApiReply.NoAnswer("the client would not send it: " + e.Message) with { NotSent = true };
        }
    }

    public void Dispose() => http.Dispose();
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Pipeline;
using StartupFund.Web.Session;

namespace StartupFund.Web.Api;

/// <summary>
/// Calls the API's own endpoints with the signed-in user's bearer token, so every read and command of
/// the web app goes through the same handlers, validation and authorisation as any other client.
/// </summary>
public sealed class ApiClient(HttpClient http, IHttpContextAccessor accessor)
{
    public const string HttpClientName = "StartupFund.Api";

    /// <summary>The API's JSON shape, tolerant of fields this build does not know yet.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <exception cref="ApiFailedException">The API answered 5xx or could not be reached.</exception>
    public Task<ApiResult<T>> GetAsync<T>(string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, Relative(pathAndQuery)), cancellationToken);

    /// <summary>
    /// Sends a command. The form's idempotency key makes a double submit (or a browser retry) of the same
    /// rendered form answer the first result instead of running twice.
    /// </summary>
    /// <exception cref="ApiFailedException">The API answered 5xx or could not be reached.</exception>
    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Relative(path))
        {
            Content = new StringContent(body is null ? "{}" : JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            // A tampered form field: refuse it as the API would (a non-ASCII header cannot even be sent).
            if (!CommandRequest.IsValidKey(idempotencyKey))
            {
                request.Dispose();
                return Task.FromResult(new ApiResult<T>(default, new ApiProblem(400, LedgerErrorCodes.IdempotencyKeyInvalid,
                    $"Idempotency-Key must be 1-{CommandRequest.IdempotencyKeyMaxLength} printable ASCII characters.", [])));
            }

            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync<T>(request, cancellationToken);
    }

    /// <summary>Streams a response as it comes (the audit export); the caller disposes it.</summary>
    /// <exception cref="ApiFailedException">The API answered 5xx or could not be reached.</exception>
    public async Task<HttpResponseMessage> StreamAsync(string pathAndQuery, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative(pathAndQuery));
        Authorize(request);
        return await AnswerOfAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            Authorize(request);
            using var response = await AnswerOfAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new ApiResult<T>(default, ApiProblem.Parse((int)response.StatusCode, body));
            }

            return new ApiResult<T>(JsonSerializer.Deserialize<T>(body, Json), null);
        }
    }

    /// <summary>
    /// The API's answer when it is one a page can show (2xx, 4xx); a 5xx or no answer at all is no
    /// page's business (<see cref="ApiFailedException"/>, answered by the failure page).
    /// </summary>
    private async Task<HttpResponseMessage> AnswerOfAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw ApiFailedException.Unreachable(e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout, not the visitor leaving.
            throw ApiFailedException.Unreachable(e);
        }

        if ((int)response.StatusCode is >= 500 and <= 599)
        {
            using (response)
            {
                throw ApiFailedException.Answered((int)response.StatusCode, response.Headers.RetryAfter?.ToString());
            }
        }

        return response;
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (accessor.HttpContext is { } context && TokenCookie.Read(context) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    private static Uri Relative(string pathAndQuery) => new(pathAndQuery.TrimStart('/'), UriKind.Relative);

    private static JsonSerializerOptions CreateJson()
    {
        var options = LedgerJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}

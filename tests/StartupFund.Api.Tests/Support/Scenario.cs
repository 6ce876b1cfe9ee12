using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace StartupFund.Api.Tests.Support;

/// <summary>
/// A small scenario helper in the spirit of Alba: send a request, expect a status, read the JSON.
/// <c>await s.Post("/funds", body).Expect(201)</c> then <c>reply["committed.amount"]</c>.
/// </summary>
public sealed class Scenario(HttpClient client, Func<HttpMethod, string, string?> tokenFor)
{
    public HttpClient Client => client;

    public Task<Reply> Post(string path, object? body = null, params (string Name, string Value)[] headers) =>
        PostRaw(path, body is null ? "" : JsonSerializer.Serialize(body, JsonSerializerOptions.Web), headers);

    public async Task<Reply> PostRaw(string path, string raw, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(raw, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await SendAsync(request);
    }

    public async Task<Reply> Get(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    private async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        if (!request.Headers.Contains("Authorization") && tokenFor(request.Method, request.RequestUri!.OriginalString) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement json = default;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json")
        {
            json = JsonDocument.Parse(text).RootElement.Clone();
        }

        return new Reply((int)response.StatusCode, json, text, response.Headers, request.Method + " " + request.RequestUri);
    }
}

public sealed record Reply(int Status, JsonElement Json, string Text, HttpResponseHeaders Headers, string Request)
{
    /// <summary>A value by dotted path with [n] indexes: "figures.cashOnHand.amount", "items[0].fundId".</summary>
    public JsonElement this[string path] => Find(path);

    public string? Code => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("code", out var code) ? code.GetString() : null;

    public string? ETag => Headers.ETag?.Tag;

    public Reply Expect(int status)
    {
        Status.ShouldBe(status, $"{Request} answered {Status}: {Text}");
        return this;
    }

    public Reply ExpectProblem(int status, string code)
    {
        Expect(status);
        Code.ShouldBe(code, $"{Request}: {Text}");
        return this;
    }

    public string Str(string path) => Find(path).ToString();

    public string Amount(string path) => Find(path + ".amount").GetString()!;

    private JsonElement Find(string path)
    {
        var current = Json;
        foreach (var part in path.Split('.'))
        {
            var name = part;
            int? index = null;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = part[..bracket];
                index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            }

            if (name.Length > 0)
            {
                current.TryGetProperty(name, out var next).ShouldBeTrue($"{Request}: no '{name}' in {current}");
                current = next;
            }

            if (index is { } i)
            {
                current = current[i];
            }
        }

        return current;
    }
}

/// <summary>Lets a test write <c>await s.Post(...).Expect(200)</c>.</summary>
public static class ReplyTasks
{
    public static async Task<Reply> Expect(this Task<Reply> reply, int status) => (await reply).Expect(status);

    public static async Task<Reply> ExpectProblem(this Task<Reply> reply, int status, string code) => (await reply).ExpectProblem(status, code);
}

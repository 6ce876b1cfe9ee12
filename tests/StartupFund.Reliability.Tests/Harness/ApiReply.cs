using System.Net.Http.Headers;
using System.Text.Json;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>What came back: a status and body, or no answer at all (status 0: refused, reset or timed out).</summary>
public sealed record ApiReply(int Status, string Body, string? MediaType, HttpResponseHeaders? Headers, string? Failure = null)
{
    public static ApiReply NoAnswer(string failure) => new(0, "", null, null, failure);

    public bool Answered => Status != 0;

    public bool TimedOut { get; init; }

    /// <summary>HttpClient itself refused to send the request (a header it will not write).</summary>
    public bool NotSent { get; init; }

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The ProblemDetails code, when the body is one.</summary>
    public string? Code
    {
        get
        {
            if (MediaType != "application/problem+json" || Body.Length == 0)
            {
                return null;
            }

            using var json = JsonDocument.Parse(Body);
            return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
    }

    public string? Header(string name) =>
        Headers is not null && Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public override string ToString() => Answered ? $"{Status} {(Body.Length > 500 ? Body[..500] : Body)}" : $"no answer: {Failure}";
}

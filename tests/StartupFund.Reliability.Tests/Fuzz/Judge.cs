using StartupFund.Reliability.Tests.Harness;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>What is wrong with one answer to a hostile request, the same rule for every fuzz test.</summary>
public static class Judge
{
    /// <summary>Statuses Kestrel itself answers, with no body, before our middleware sees the request.</summary>
    private static readonly int[] KestrelStatuses = [400, 413, 414, 431];

    public static bool IsWebApp(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route == "/app" || route.StartsWith("/app/", StringComparison.Ordinal);
    }

    /// <summary>What is wrong with one answer, or null: a 5xx, a hang, a refusal that is not a ProblemDetails with a code.</summary>
    public static string? Answer(FuzzCase fuzzCase, ApiReply reply)
    {
        ArgumentNullException.ThrowIfNull(fuzzCase);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.NotSent)
        {
            return null;
        }

        if (!reply.Answered)
        {
            return $"{(reply.TimedOut ? "HANG" : "NO ANSWER")} {reply.Failure}: {fuzzCase}";
        }

        if (reply.Status >= 500)
        {
            return $"{reply.Status}: {fuzzCase}\n  -> {reply}";
        }

        // the web app answers people, not programs: a refused form post may be a redirect or a page;
        // a read may answer 304 Not Modified to an If-None-Match
        if (reply.IsSuccess || IsWebApp(fuzzCase.Endpoint) || (reply.Status == 304 && fuzzCase.Request.Method == HttpMethod.Get))
        {
            return null;
        }

        if (reply.Body.Length == 0)
        {
            return KestrelStatuses.Contains(reply.Status) ? null : $"{reply.Status} without a ProblemDetails: {fuzzCase}";
        }

        return reply.MediaType == "application/problem+json" && reply.Code is { Length: > 0 }
            ? null
            : $"{reply.Status} refusal is not a ProblemDetails with a code: {fuzzCase}\n  -> {reply}";
    }
}

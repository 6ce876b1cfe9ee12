namespace StartupFund.Reliability.Tests.Harness;

/// <summary>One command the load sent (one Idempotency-Key) and every answer it got, retries included.</summary>
public sealed class CommandRecord(ApiRequest request)
{
    private readonly List<ApiReply> answers = [];
    private readonly Lock gate = new();

    public ApiRequest Request { get; } = request;

    public string Key => Request.IdempotencyKey!;

    public IReadOnlyList<ApiReply> Answers
    {
        get
        {
            lock (gate)
            {
                return [.. answers];
            }
        }
    }

    /// <summary>The last answer that settles the command: a 2xx or a refusal (not 503, not silence).</summary>
    public ApiReply? Final => Answers.LastOrDefault(a => a.Answered && a.Status != 503);

    public bool Acknowledged => Final is { IsSuccess: true };

    public bool Refused => Final is { IsSuccess: false };

    /// <summary>Sent, but never settled: the server died or the database was away and the client gave up for now.</summary>
    public bool InFlight => Final is null;

    public void Add(ApiReply reply)
    {
        lock (gate)
        {
            answers.Add(reply);
        }
    }

    public override string ToString() => $"{Request}: {string.Join(" | ", Answers.Select(a => a.Answered ? a.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"))}";
}

using StartupFund.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>The figures of a fuzz run, printed: answers by status, ProblemDetails code and attack.</summary>
public static class FuzzReport
{
    public static void Write(ITestOutputHelper output, FuzzResults results, LedgerFigures? figures)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        var replies = results.Replies;
        var refused = replies.Count(r => r.Reply.Answered && !r.Reply.IsSuccess);
        output.WriteLine($"{replies.Count} requests: {replies.Count(r => r.Reply.IsSuccess)} accepted (writing {results.AcceptedEvents} events), "
            + $"{refused} refused, {replies.Count(r => r.Reply.NotSent)} not sendable by HttpClient; ledger after: {figures}");
        output.WriteLine("by status: " + string.Join(", ", replies.GroupBy(r => r.Reply.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        output.WriteLine("by code: " + string.Join(", ", replies.Where(r => r.Reply.Code is not null)
            .GroupBy(r => r.Reply.Code).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}")));
        output.WriteLine("by attack: " + string.Join(", ", replies.GroupBy(r => r.Case.Attack).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()} ({g.Count(r => r.Reply.IsSuccess)} accepted)")));
    }
}

namespace StartupFund.Api.Http;

/// <summary>
/// Lets socket completions (PostgreSQL's and the HTTP clients') continue on the socket event thread
/// instead of hopping to the thread pool first. On two cores this took the HTTP benchmark's p99 from
/// 51-53 ms to 32-38 ms (docs/performance.md). Safe here because nothing in this process blocks a
/// continuation (no sync-over-async). Must run before the first socket is opened; an operator who
/// sets the variable (0 turns it off) keeps their value.
/// </summary>
public static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void PreferInline()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}

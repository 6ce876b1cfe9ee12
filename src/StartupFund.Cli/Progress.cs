namespace StartupFund.Cli;

/// <summary>
/// Shows a long operation's progress on stderr: a bar redrawn in place on a terminal (or a running
/// count when the total is unknown), a line every few seconds when stderr is redirected.
/// </summary>
internal static class Progress
{
    private const int BarWidth = 30;

    public static Task<T> RunAsync<T>(string what, Func<IProgress<long>, Task<T>> operation) => RunAsync(what, null, operation);

    public static async Task<T> RunAsync<T>(string what, long? total, Func<IProgress<long>, Task<T>> operation)
    {
        var interactive = !Console.IsErrorRedirected;
        var lastLine = DateTime.MinValue;
        var progress = new Progress<long>(count =>
        {
            if (interactive)
            {
                Console.Error.Write($"\r{Describe(what, count, total)}");
            }
            else if (DateTime.UtcNow - lastLine > TimeSpan.FromSeconds(5))
            {
                lastLine = DateTime.UtcNow;
                Console.Error.WriteLine(Describe(what, count, total));
            }
        });
        try
        {
            return await operation(progress);
        }
        finally
        {
            if (interactive)
            {
                Console.Error.WriteLine();
            }
        }
    }

    internal static string Describe(string what, long count, long? total)
    {
        if (total is not > 0)
        {
            return $"{what}: {Counted.Of(count, "event")}";
        }

        // the total is counted just before the operation starts, so it may be slightly off: clamp
        var fraction = Math.Clamp((double)count / total.Value, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        return $"{what} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {(int)Math.Round(fraction * 100),3}% {count:N0} / ~{Counted.Of(total.Value, "event")}";
    }
}

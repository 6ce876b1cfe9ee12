namespace StartupFund.Cli;

/// <summary>Reports a long operation's event count on stderr (a live line on a terminal, periodic lines otherwise).</summary>
internal static class Progress
{
    public static async Task<T> RunAsync<T>(string what, Func<IProgress<long>, Task<T>> operation)
    {
        var interactive = !Console.IsErrorRedirected;
        var lastLine = DateTime.MinValue;
        var progress = new Progress<long>(count =>
        {
            if (interactive)
            {
                Console.Error.Write($"\r{what}: {count:N0} events");
            }
            else if (DateTime.UtcNow - lastLine > TimeSpan.FromSeconds(5))
            {
                lastLine = DateTime.UtcNow;
                Console.Error.WriteLine($"{what}: {count:N0} events");
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
}

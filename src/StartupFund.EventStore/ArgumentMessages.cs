namespace StartupFund.EventStore;

public static class ArgumentMessages
{
    /// <summary>The sentence an ArgumentException was made with, without the " (Parameter 'x')" .NET appends: for people, not for stack traces.</summary>
    public static string PlainMessage(this ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.ParamName is { } name
            ? exception.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;
    }
}

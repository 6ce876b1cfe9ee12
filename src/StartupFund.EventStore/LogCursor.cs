namespace StartupFund.EventStore;

/// <summary>
/// A place in the log. The log's order is (transaction id, position), not position alone: sequence
/// numbers are taken before commit, so a checkpoint on position alone can skip an event that commits
/// late (docs/architecture.md, "Gap-free tailing").
/// </summary>
public readonly record struct LogCursor(ulong TxId, long Position) : IComparable<LogCursor>
{
    public static LogCursor Start => new(0, 0);

    public int CompareTo(LogCursor other) =>
        TxId != other.TxId ? TxId.CompareTo(other.TxId) : Position.CompareTo(other.Position);

    public static bool operator <(LogCursor left, LogCursor right) => left.CompareTo(right) < 0;

    public static bool operator >(LogCursor left, LogCursor right) => left.CompareTo(right) > 0;

    public static bool operator <=(LogCursor left, LogCursor right) => left.CompareTo(right) <= 0;

    public static bool operator >=(LogCursor left, LogCursor right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{TxId}:{Position}";
}

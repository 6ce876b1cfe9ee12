namespace StartupFund.Domain.Common;

/// <summary>Assertions of facts that the rules guarantee; a failure is a bug, never a user error.</summary>
public static class Invariant
{
    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvariantViolatedException(message);
        }
    }
}

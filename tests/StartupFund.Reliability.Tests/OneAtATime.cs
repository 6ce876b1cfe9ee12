namespace StartupFund.Reliability.Tests;

/// <summary>
/// The reliability tests load the machine on purpose (an API process, concurrent clients, a private
/// PostgreSQL): they run one after another, not beside each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OneAtATime
{
    public const string Name = "reliability";
}

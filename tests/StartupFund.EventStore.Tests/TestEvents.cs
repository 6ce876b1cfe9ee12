using NodaTime;

namespace StartupFund.EventStore.Tests;

public sealed record AccountOpened(string Owner, string Currency);

public sealed record AmountDeposited(long AmountMinor, LocalDate ValueDate);

public sealed record AmountWithdrawn(long AmountMinor, LocalDate ValueDate);

/// <summary>A tiny aggregate to exercise folding and snapshots.</summary>
public sealed record AccountState(string Owner, long BalanceMinor, int Movements)
{
    public static AccountState Initial { get; } = new("", 0, 0);

    public static AccountState Evolve(AccountState state, object @event) => @event switch
    {
        AccountOpened opened => state with { Owner = opened.Owner },
        AmountDeposited deposited => state with { BalanceMinor = state.BalanceMinor + deposited.AmountMinor, Movements = state.Movements + 1 },
        AmountWithdrawn withdrawn => state with { BalanceMinor = state.BalanceMinor - withdrawn.AmountMinor, Movements = state.Movements + 1 },
        _ => state,
    };
}

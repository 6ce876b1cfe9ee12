using NodaTime;

namespace StartupFund.Benchmarks;

/// <summary>About the size of a real money event.</summary>
public sealed record BenchEvent(long AmountMinor, string Currency, string PaymentReference, LocalDate ValueDate);

public sealed record BenchState(long TotalMinor, int Count)
{
    public static BenchState Initial { get; } = new(0, 0);

    public static BenchState Evolve(BenchState state, object @event) =>
        @event is BenchEvent e ? new BenchState(state.TotalMinor + e.AmountMinor, state.Count + 1) : state;
}

using NodaTime;

namespace StartupFund.Testing;

/// <summary>A clock that moves on by <c>step</c> every time it is read, so a seeded history spreads over time.</summary>
public sealed class TickingClock(Instant start, Duration step) : IClock
{
    private readonly Lock gate = new();
    private Instant now = start;

    public Instant GetCurrentInstant()
    {
        lock (gate)
        {
            now += step;
            return now;
        }
    }
}

using NodaTime;

namespace StartupFund.Testing;

/// <summary>A clock the test moves by hand (the feed has no NodaTime.Testing).</summary>
public sealed class FakeClock(Instant now) : IClock
{
    private readonly Lock gate = new();
    private Instant now = now;

    public static FakeClock At(int year, int month, int day) => new(Instant.FromUtc(year, month, day, 9, 0));

    public Instant GetCurrentInstant()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(Duration by)
    {
        lock (gate)
        {
            now += by;
        }
    }
}

using NodaTime;
using StartupFund.Ledger;
using StartupFund.Ledger.Seeding;
using StartupFund.Testing;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>
/// The Ledger's demo seed, recorded <see cref="SeededDaysAgo"/> days in the past (a ticking clock),
/// so a regulator's "as of" a few days ago sees the seeded figures and not what the tests add today.
/// </summary>
public static class DemoData
{
    public const int SeededDaysAgo = 20;

    /// <summary>A day after the whole seed was recorded and well before today (UTC).</summary>
    public static LocalDate QuietDay => SystemClock.Instance.GetCurrentInstant().Minus(Duration.FromDays(SeededDaysAgo - 5)).InUtc().Date;

    public static async Task SeedAsync(TestDatabase database)
    {
        var recordedFrom = SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(SeededDaysAgo);
        var ledger = new StartupFundLedger(database.DataSource, new LedgerOptions { Clock = new TickingClock(recordedFrom, Duration.FromMinutes(1)) });
        await ledger.MigrateAsync();
        var report = await new DemoSeed(ledger).RunAsync();
        if (report.Written == 0)
        {
            throw new InvalidOperationException("The demo seed wrote nothing into a fresh database.");
        }
    }
}

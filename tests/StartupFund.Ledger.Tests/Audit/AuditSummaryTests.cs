using NodaTime;
using StartupFund.Domain.Values;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger.Audit;
using StartupFund.Ledger.Seeding;
using StartupFund.Testing;

namespace StartupFund.Ledger.Tests.Audit;

/// <summary>
/// The per-country audit summary over the demo history spread across months: its figures agree with
/// counts taken straight from the events, a rebuild in verify mode finds it faithful, a doctored row is
/// reported, and a rebuild repairs it.
/// </summary>
public sealed class AuditSummaryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly string[] Countries = ["DE", "JP", "KE", "KW"];

    [Fact]
    public async Task The_summary_matches_the_events_and_verify_finds_a_doctored_row_that_a_rebuild_repairs()
    {
        var ledger = new StartupFundLedger(database.DataSource, new LedgerOptions
        {
            EventSchema = new SchemaName("sum_events"), ReadSchema = new SchemaName("sum_ledger"),
            Clock = new TickingClock(Instant.FromUtc(2026, 1, 1, 0, 0), Duration.FromHours(3)),
        });
        await ledger.MigrateAsync();
        await new DemoSeed(ledger).RunAsync();
        var total = await database.ScalarAsync<long>("select count(*) from sum_events.events");
        var summary = new AuditSummary(ledger.Store);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await ledger.Store.ComputeDigestAsync()).Events < total)
        {
            // the commit horizon is cluster-wide: another test's open transaction holds it back for a moment
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the log horizon did not reach the events written");
            await Task.Delay(20);
        }

        (await summary.CatchUpAsync()).ShouldBe(total);
        (await summary.CatchUpAsync()).ShouldBe(0);

        foreach (var code in Countries)
        {
            var view = await summary.ReadAsync(new CountryCode(code));
            view.EventsPerDay.Sum(d => d.Events).ShouldBe(await CountAsync(code, null));
            view.EventsPerDay.Select(d => d.Day).Distinct().Count().ShouldBeGreaterThan(1);
            view.MoneyPerMonth.Sum(m => m.Approvals).ShouldBe(await CountAsync(code, "application-approved"));
            view.MoneyPerMonth.Sum(m => m.Disbursements).ShouldBe(await CountAsync(code, "funds-disbursed"));
            view.MoneyPerMonth.Sum(m => m.Disbursed.MinorUnits).ShouldBe(await SumAsync(code, "funds-disbursed"));
            view.MoneyPerMonth.Sum(m => m.Approved.MinorUnits).ShouldBe(await SumAsync(code, "application-approved"));
            view.LargestDisbursements.Count.ShouldBe((int)Math.Min(AuditSummaryProjection.LargestKept, await CountAsync(code, "funds-disbursed")));
            view.LargestDisbursements.Select(d => d.Amount.MinorUnits).ShouldBeInOrder(SortDirection.Descending);
        }

        var rebuilder = new ProjectionRebuilder(ledger.Store, summary.Projection);
        var faithful = await rebuilder.RebuildAsync(verifyOnly: true, Duration.FromSeconds(30));
        faithful.IsFaithful.ShouldBeTrue(string.Join("; ", faithful.Differences));
        faithful.EventsApplied.ShouldBe(total);

        await database.ExecuteAsync("update sum_events.audit_events_per_day set events = events + 1 where (country, day, event_type) = " +
            "(select country, day, event_type from sum_events.audit_events_per_day order by country, day, event_type limit 1)");
        var doctored = await rebuilder.RebuildAsync(verifyOnly: true, Duration.FromSeconds(30));
        doctored.IsFaithful.ShouldBeFalse();
        doctored.Differences.Single().Table.ShouldBe(AuditSummaryProjection.EventsPerDay);
        doctored.Differences.Single().OnlyInLive.ShouldBe(1);

        (await rebuilder.RebuildAsync(verifyOnly: false, Duration.FromSeconds(30))).EventsApplied.ShouldBe(total);
        (await rebuilder.RebuildAsync(verifyOnly: true, Duration.FromSeconds(30))).IsFaithful.ShouldBeTrue();
    }

    private Task<long> CountAsync(string country, string? type) => database.ScalarAsync<long>(
        $"select count(*) from sum_events.events e join sum_events.streams s on s.id = e.stream_id where s.country = '{country}'"
        + (type is null ? "" : $" and e.type = '{type}'"));

    private async Task<long> SumAsync(string country, string type) => await database.ScalarAsync<long?>(
        $"select sum((e.data->'amount'->>'minorUnits')::bigint)::bigint from sum_events.events e join sum_events.streams s on s.id = e.stream_id "
        + $"where s.country = '{country}' and e.type = '{type}'") ?? 0;
}

using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Values;
using StartupFund.Ledger.Pipeline;
using StartupFund.Ledger.Seeding;

namespace StartupFund.Ledger.Tests;

public sealed class SeedTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    [Fact]
    public async Task Seeding_twice_writes_nothing_the_second_time_and_every_chain_verifies()
    {
        var first = await new DemoSeed(fixture.Ledger).RunAsync();
        var events = await fixture.EventCountAsync();
        var second = await new DemoSeed(fixture.Ledger).RunAsync();

        first.Written.ShouldBeGreaterThan(100);
        second.Written.ShouldBe(0);
        second.AlreadyPresent.ShouldBe(first.Written);
        (await fixture.EventCountAsync()).ShouldBe(events);
        (await fixture.Ledger.Store.VerifyAsync()).IsClean.ShouldBeTrue();
        await fixture.Ledger.MigrateAsync();

        var statuses = (await fixture.Ledger.Queries.ListApplicationsAsync(null, null, null, null, 200)).Items.Select(a => a.Status).ToHashSet();
        statuses.ShouldBe(Enum.GetValues<ApplicationStatus>().Where(s => s != ApplicationStatus.None), ignoreOrder: true);
        foreach (var country in new[] { "DE", "KE", "JP", "KW" })
        {
            var balance = await fixture.Ledger.Queries.CountryBalanceAsync(new CountryCode(country));
            balance.Funds.Count.ShouldBe(1);
            balance.ByCurrency[0].Disbursed.MinorUnits.ShouldBeGreaterThan(0);
            balance.ByCurrency[0].CoInvestmentReceived.MinorUnits.ShouldBeGreaterThan(0);
            var state = (await fixture.Ledger.Store.LoadAsync<FundState>(Streams.Fund(new FundId(balance.Funds[0].FundId)))).State;
            balance.ByCurrency[0].CashOnHand.MinorUnits.ShouldBe(state.CashOnHandMinor);
            balance.ByCurrency[0].AvailableToCommit.MinorUnits.ShouldBe(state.AvailableToCommitMinor);
            (await fixture.Ledger.Queries.TrialBalanceAsync(new FundId(balance.Funds[0].FundId)))!.Balanced.ShouldBeTrue();
        }
    }
}

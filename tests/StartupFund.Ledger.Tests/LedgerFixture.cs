using System.Text;
using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;
using StartupFund.EventStore;
using StartupFund.Ledger;
using StartupFund.Ledger.Pipeline;
using StartupFund.Testing;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Tests;

/// <summary>A fresh database with the ledger migrated, per test class.</summary>
public sealed class LedgerFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public FakeClock Clock { get; } = FakeClock.At(2026, 3, 2);

    public StartupFundLedger Ledger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Ledger = new StartupFundLedger(Database.DataSource, new LedgerOptions { Clock = Clock });
        await Ledger.MigrateAsync();
    }

    public Task DisposeAsync() => Database.DisposeAsync();

    public Task<long> EventCountAsync() => Database.ScalarAsync<long>("select count(*) from eventstore.events");

    public static CommandRequest Keyed(string key, string body = "") =>
        new(key, Encoding.UTF8.GetBytes(body), null, new EventMetadata("corr-" + key, key, "tester"));

    /// <summary>Opens an EUR fund with no matching and the given commitment, called and received in full.</summary>
    public async Task<FundId> OpenFundAsync(string id, long committedMinor, FundPolicy? policy = null)
    {
        var fund = new FundId(id);
        var now = Clock.GetCurrentInstant();
        var eur = Currency.Eur;
        policy ??= new FundPolicy(new Money(100, eur), new Money(100_000_000_00, eur), ReadyMadePolicies.NoMatching, 0);
        await Ledger.Commands.ExecuteAsync(new OpenFund(fund, new CountryCode("DE"), "Test fund " + id, eur, policy, now), CommandRequest.Plain);
        await Ledger.Commands.ExecuteAsync(new CommitCapital(fund, new SponsorId("gov"), "Government", SponsorKind.Government, new Money(committedMinor, eur), now), CommandRequest.Plain);
        await Ledger.Commands.ExecuteAsync(new CallCapital(fund, new CallId("call-1"), new SponsorId("gov"), new Money(committedMinor, eur), new NodaTime.LocalDate(2026, 3, 2), now), CommandRequest.Plain);
        await Ledger.Commands.ExecuteAsync(new ReceiveCapital(fund, new CallId("call-1"), new Money(committedMinor, eur), new NodaTime.LocalDate(2026, 3, 2), now), CommandRequest.Plain);
        return fund;
    }

    /// <summary>Submits an application to a DE fund and starts its review.</summary>
    public async Task<ApplicationId> ReviewedApplicationAsync(FundId fund, string id, long requestedMinor)
    {
        var app = new ApplicationId(id);
        var now = Clock.GetCurrentInstant();
        await Ledger.Commands.ExecuteAsync(new SubmitApplication(app, fund,
            new StartupProfile(new StartupId("co-" + id), "Startup " + id, "HRB-" + id, new CountryCode("DE")),
            "AI", Stage.Seed, Instrument.Equity, new Money(requestedMinor, Currency.Eur), "We build AI.", now), CommandRequest.Plain);
        await Ledger.Commands.ExecuteAsync(new StartReview(app, now), CommandRequest.Plain);
        return app;
    }

    /// <summary>A reviewed application approved for 200,000.00 in two tranches and accepted: its first tranche may be paid.</summary>
    public async Task<ApplicationId> ReadyToPayAsync(FundId fund, string id)
    {
        var app = await ReviewedApplicationAsync(fund, id, 200_000_00);
        await Ledger.Commands.ExecuteAsync(Approve(app, 200_000_00), CommandRequest.Plain);
        await Ledger.Commands.ExecuteAsync(new AcceptOffer(app, Clock.GetCurrentInstant()), CommandRequest.Plain);
        return app;
    }

    /// <summary>An approval of the amount in two tranches.</summary>
    public ApproveApplication Approve(ApplicationId app, long amountMinor) =>
        new(app, new Money(amountMinor, Currency.Eur), [new TrancheTerms(new Money(amountMinor / 2, Currency.Eur), "Pilot", new NodaTime.LocalDate(2026, 6, 1)),
            new TrancheTerms(new Money(amountMinor - (amountMinor / 2), Currency.Eur), "Production", new NodaTime.LocalDate(2026, 9, 1))], Clock.GetCurrentInstant());
}

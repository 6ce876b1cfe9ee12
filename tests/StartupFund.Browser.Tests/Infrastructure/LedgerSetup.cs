using NodaTime;
using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;
using StartupFund.Ledger;
using StartupFund.Ledger.Pipeline;
using StartupFund.Testing;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Browser.Tests.Infrastructure;

/// <summary>
/// What other people did before a test's user opens the browser (a sponsor paid, a startup reported),
/// written today through the Ledger straight into the database the API process reads.
/// </summary>
public sealed class LedgerSetup(TestDatabase database)
{
    private readonly StartupFundLedger ledger = new(database.DataSource);

    private static Instant Now => SystemClock.Instance.GetCurrentInstant();

    private static LocalDate Today => Now.InUtc().Date;

    /// <summary>A fund of <paramref name="country"/> with no matching rule whose sponsor paid in only <paramref name="cash"/>.</summary>
    public async Task OpenLeanFundAsync(string fundId, string country, Money committed, Money cash)
    {
        var fund = new FundId(fundId);
        var currency = committed.Currency;
        var policy = new FundPolicy(Money.Parse("1", currency), committed, ReadyMadePolicies.NoMatching, MinimumReviewerScores: 1);
        await RunAsync(new OpenFund(fund, new CountryCode(country), "Lean Test Fund", currency, policy, Now));
        await RunAsync(new CommitCapital(fund, new SponsorId(fundId + "-gov"), "Test Ministry", SponsorKind.Government, committed, Now));
        await ReceiveCapitalAsync(fundId, fundId + "-gov", fundId + "-call", cash);
    }

    public async Task ReceiveCapitalAsync(string fundId, string sponsorId, string callId, Money amount)
    {
        var fund = new FundId(fundId);
        await RunAsync(new CallCapital(fund, new CallId(callId), new SponsorId(sponsorId), amount, Today, Now));
        await RunAsync(new ReceiveCapital(fund, new CallId(callId), amount, Today, Now));
    }

    /// <summary>An application approved with one tranche, accepted, its milestone reported and verified: ready to pay.</summary>
    public async Task ReadyToPayAsync(string applicationId, string fundId, string country, Money amount)
    {
        var id = new ApplicationId(applicationId);
        var profile = new StartupProfile(new StartupId(applicationId + "-co"), "Lean Robotics", "REG-" + applicationId, new CountryCode(country));
        await RunAsync(new SubmitApplication(id, new FundId(fundId), profile, "Robotics", Stage.Seed, Instrument.Grant, amount, "A test application.", Now));
        await RunAsync(new StartReview(id, Now));
        await RunAsync(new ScoreApplication(id, new ReviewerId("reviewer-1"), 4, null, Now));
        await RunAsync(new ApproveApplication(id, amount, [new TrancheTerms(amount, "Prototype delivered", Today.PlusDays(30))], Now));
        await RunAsync(new AcceptOffer(id, Now));
        await RunAsync(new ReportMilestone(id, 1, "Prototype delivered.", Now));
        await RunAsync(new VerifyMilestone(id, 1, null, Now));
    }

    private Task<CommandOutcome> RunAsync(FundCommand command) => ledger.Commands.ExecuteAsync(command, CommandRequest.Plain);

    private Task<CommandOutcome> RunAsync(ApplicationCommand command) => ledger.Commands.ExecuteAsync(command, CommandRequest.Plain);

    private Task<CommandOutcome> RunAsync(FundingCommand command) => ledger.Commands.ExecuteAsync(command, CommandRequest.Plain);
}

using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Tests.Support;

/// <summary>A small British AI fund and one application, as ready-made events and values.</summary>
internal static class Fixtures
{
    public static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 0);
    public static readonly LocalDate Today = new(2026, 3, 2);
    public static readonly FundId TheFund = new("fund-gb-ai-1");
    public static readonly ApplicationId TheApp = new("app-0001");
    public static readonly CountryCode Gb = new("GB");
    public static readonly SponsorId Treasury = new("hm-treasury");
    public static readonly CallId Call1 = new("call-1");
    public static readonly InvestorId Angel = new("angel-1");
    public static readonly ReviewerId Reviewer1 = new("reviewer-1");
    public static readonly StartupProfile Startup = new(new StartupId("acme-ai"), "Acme AI Ltd", "12345678", Gb);

    public static Money Gbp(string amount) => Money.Parse(amount, Currency.Gbp);

    public static FundPolicy Policy(MatchingPolicy? matching = null, int minimumScores = 1) =>
        new(Gbp("10000.00"), Gbp("1000000.00"), matching ?? ReadyMadePolicies.NoMatching, minimumScores);

    public static FundOpened Opened(FundPolicy? policy = null) =>
        new(TheFund, Gb, "UK AI Seed Fund", Currency.Gbp, policy ?? Policy(), At);

    public static CapitalCommitted Committed(string amount, SponsorId? sponsor = null, SponsorKind kind = SponsorKind.Government) =>
        new(TheFund, sponsor ?? Treasury, "HM Treasury", kind, Gbp(amount), At);

    public static CapitalCalled Called(string amount, CallId? call = null, SponsorId? sponsor = null) =>
        new(TheFund, call ?? Call1, sponsor ?? Treasury, Gbp(amount), Today.PlusDays(30), At);

    public static CapitalReceived Received(string amount, CallId? call = null, SponsorId? sponsor = null) =>
        new(TheFund, call ?? Call1, sponsor ?? Treasury, Gbp(amount), Today, At);

    /// <summary>An open fund with 2,000,000 committed and the given cash called and received.</summary>
    public static object[] FundWithCash(string cash = "1000000.00", FundPolicy? policy = null) =>
        [Opened(policy), Committed("2000000.00"), Called(cash), Received(cash)];

    public static ApplicationSubmitted Submitted(string requested = "300000.00") =>
        new(TheApp, TheFund, Startup, "Machine learning", Stage.Seed, Instrument.Equity, Gbp(requested), "Speech models for clinics.", At);

    public static ReviewStarted Started => new(TheApp, At);

    public static ApplicationScored Scored(ReviewerId? reviewer = null, int score = 4) => new(TheApp, reviewer ?? Reviewer1, score, "Strong team.", At);

    /// <summary>Three tranches of 100,000.00 (milestones: incorporation, pilot, revenue).</summary>
    public static TranchePlan[] ThreeTranches =>
    [
        new(1, Gbp("100000.00"), "Company incorporated", Today.PlusDays(10)),
        new(2, Gbp("100000.00"), "Pilot with two clinics", Today.PlusDays(100)),
        new(3, Gbp("100000.00"), "First revenue", Today.PlusDays(200)),
    ];

    public static TrancheTerms[] ThreeTrancheTerms =>
        [.. ThreeTranches.Select(plan => new TrancheTerms(plan.Amount, plan.Milestone, plan.DueDate))];

    public static ApplicationApproved Approved => new(TheApp, TheFund, Gbp("300000.00"), ThreeTranches, At);

    public static FundsReserved Reserved => new(
        TheFund, TheApp, Gbp("300000.00"), [.. ThreeTranches.Select(plan => new ReservedTranche(plan.TrancheNumber, 1, plan.Amount))], At);

    public static OfferAccepted Accepted => new(TheApp, At);

    public static object[] UnderReview => [Submitted(), Started, Scored()];

    public static object[] ApprovedApplication => [.. UnderReview, Approved];

    public static object[] ActiveApplication => [.. ApprovedApplication, Accepted];

    public static object[] FundWithReservation(string cash = "1000000.00", FundPolicy? policy = null) =>
        [.. FundWithCash(cash, policy), Reserved];

    public static CoInvestmentCommitted CoCommitted(string amount) => new(TheApp, TheFund, Angel, "Angel Syndicate", Gbp(amount), At);

    public static CoInvestmentReceived CoReceived(string amount) => new(TheApp, TheFund, Angel, Gbp(amount), Today, At);

    public static MilestoneReported Reported(int tranche) => new(TheApp, tranche, "Evidence attached.", At);

    public static MilestoneVerified Verified(int tranche) => new(TheApp, tranche, "Checked.", At);

    public static TrancheDisbursed Paid(int tranche, int attempt = 1) =>
        new(TheApp, TheFund, tranche, attempt, Gbp("100000.00"), Today, $"PAY-{tranche}-{attempt}", At);

    public static FundsDisbursed FundPaid(int tranche, int attempt = 1) =>
        new(TheFund, TheApp, tranche, attempt, Gbp("100000.00"), Today, $"PAY-{tranche}-{attempt}", At);
}

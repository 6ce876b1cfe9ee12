using System.Text;
using NodaTime;
using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;
using StartupFund.EventStore;
using StartupFund.Ledger.Pipeline;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Seeding;

/// <summary>What a seeding run did: commands written now and commands already present (replayed).</summary>
public sealed record SeedReport(int Written, int AlreadyPresent);

/// <summary>
/// A realistic demo: Germany (EUR, EIF pari passu), Kenya (KES, UK Future Fund 1:1), Japan (JPY,
/// Startup SG Equity-style bands) and Kuwait (KWD, Yozma 40% public cap), with sponsors, capital
/// calls and applications in every lifecycle state, paid tranches and co-investments.
/// Every command carries a fixed Idempotency-Key ("demo-seed:N"), so seeding again writes nothing.
/// Business instants start <see cref="StartDaysAgo"/> days before the first run and advance a few hours per step
/// (and days between a submission, its review and its decision), ending before the day of the run.
/// </summary>
public sealed class DemoSeed(StartupFundLedger ledger)
{
    /// <summary>What each tranche of a demo approval pays for, in order (the pages number the tranches themselves).</summary>
    private static readonly string[] Milestones =
    [
        "Pilot with a first paying customer",
        "Product in production with three customers",
        "Monthly revenue covering the running costs",
        "Expansion to a second market",
    ];

    /// <summary>How far back the demo's story begins: far enough that its last step is still in the past.</summary>
    private const int StartDaysAgo = 200;

    private int step;
    private int written;
    private int present;
    private Instant at;

    public async Task<SeedReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = ledger.Clock.GetCurrentInstant();
        at = now - Duration.FromDays(StartDaysAgo);
        await GermanyAsync(cancellationToken).ConfigureAwait(false);
        await KenyaAsync(cancellationToken).ConfigureAwait(false);
        await JapanAsync(cancellationToken).ConfigureAwait(false);
        await KuwaitAsync(cancellationToken).ConfigureAwait(false);

        // A ledger records what happened, never what will: a demo whose business days ran past today would show
        // payments made next month, and refuse today's co-investment as earlier than the application.
        if (at > now)
        {
            throw new InvalidOperationException($"The demo's business days run {(at - now).TotalDays:F0} days past today: start it earlier.");
        }

        return new SeedReport(written, present);
    }

    private async Task GermanyAsync(CancellationToken ct)
    {
        var eur = Currency.Eur;
        var fund = new FundId("de-ai-fund");
        await OpenAsync(fund, "DE", "German AI Seed Fund", eur, M("100000.00", eur), M("2000000.00", eur), ReadyMadePolicies.Eif, ct).ConfigureAwait(false);
        await SponsorAsync(fund, "de-bmwk", "Federal Ministry for Economic Affairs", SponsorKind.Government, M("30000000.00", eur), M("6000000.00", eur), ct).ConfigureAwait(false);
        await SponsorAsync(fund, "de-techpartner", "Technology Partner GmbH", SponsorKind.TechnologyPartner, M("10000000.00", eur), M("2000000.00", eur), ct).ConfigureAwait(false);

        var de = new Applicant(fund, "DE", eur);
        await PaidAsync(de with { Id = "de-app-aleph", Startup = "Aleph Robotics GmbH", Sector = "Robotics", Stage = Stage.Seed },
            requested: "1000000.00", tranches: ["400000.00", "600000.00"], coInvested: "1000000.00", paid: 1, ct).ConfigureAwait(false);
        await PaidAsync(de with { Id = "de-app-lumen", Startup = "Lumen Health AI", Sector = "Health", Stage = Stage.SeriesA },
            requested: "800000.00", tranches: ["800000.00"], coInvested: "800000.00", paid: 1, ct).ConfigureAwait(false);
        await SubmitAsync(de with { Id = "de-app-nordlicht", Startup = "Nordlicht Energy", Sector = "Climate", Stage = Stage.PreSeed }, "250000.00", ct).ConfigureAwait(false);
        await ReviewAsync(de with { Id = "de-app-quanta", Startup = "Quanta Compute", Sector = "Infrastructure", Stage = Stage.Seed }, "500000.00", score: false, ct).ConfigureAwait(false);
        var asked = de with { Id = "de-app-sprach", Startup = "Sprachwerk NLP", Sector = "Language", Stage = Stage.Seed };
        await ReviewAsync(asked, "300000.00", score: false, ct).ConfigureAwait(false);
        await AppAsync(new RequestInformation(asked.AppId, "Please share the cap table after the last round.", Next()), ct).ConfigureAwait(false);
        var withdrawn = de with { Id = "de-app-fabrik", Startup = "Fabrik Vision", Sector = "Manufacturing", Stage = Stage.PreSeed };
        await SubmitAsync(withdrawn, "150000.00", ct).ConfigureAwait(false);
        await AppAsync(new WithdrawApplication(withdrawn.AppId, "Raised privately instead.", Next()), ct).ConfigureAwait(false);
        var rejected = de with { Id = "de-app-kette", Startup = "Kette Ledger", Sector = "Fintech", Stage = Stage.Seed };
        await ReviewAsync(rejected, "400000.00", score: true, ct).ConfigureAwait(false);
        await AppAsync(new RejectApplication(rejected.AppId, "out-of-scope", "Not an AI company.", Next()), ct).ConfigureAwait(false);
        var offered = de with { Id = "de-app-wald", Startup = "Waldblick Agritech", Sector = "Agriculture", Stage = Stage.Seed };
        await ApproveAsync(offered, "600000.00", ["600000.00"], ct).ConfigureAwait(false);
        var declined = de with { Id = "de-app-brucke", Startup = "Brücke Logistics AI", Sector = "Logistics", Stage = Stage.SeriesA };
        await ApproveAsync(declined, "700000.00", ["700000.00"], ct).ConfigureAwait(false);
        await FundingAsync(new DeclineOffer(declined.AppId, "Took a larger private round.", Next()), ct).ConfigureAwait(false);
        var cancelled = de with { Id = "de-app-spur", Startup = "Spur Mobility", Sector = "Mobility", Stage = Stage.Seed };
        await PaidAsync(cancelled, requested: "900000.00", tranches: ["300000.00", "600000.00"], coInvested: "300000.00", paid: 1, ct).ConfigureAwait(false);
        await FundingAsync(new CancelRemainder(cancelled.AppId, "Company wound down.", Next()), ct).ConfigureAwait(false);
    }

    private async Task KenyaAsync(CancellationToken ct)
    {
        var kes = new Currency("KES");
        var fund = new FundId("ke-ai-fund");
        await OpenAsync(fund, "KE", "Kenya AI Catalyst Fund", kes, M("5000000.00", kes), M("150000000.00", kes), ReadyMadePolicies.UkFutureFund, ct).ConfigureAwait(false);
        await SponsorAsync(fund, "ke-treasury", "National Treasury of Kenya", SponsorKind.Government, M("1500000000.00", kes), M("300000000.00", kes), ct).ConfigureAwait(false);
        await SponsorAsync(fund, "ke-techpartner", "Technology Partner Kenya", SponsorKind.TechnologyPartner, M("500000000.00", kes), M("100000000.00", kes), ct).ConfigureAwait(false);
        var ke = new Applicant(fund, "KE", kes);
        await PaidAsync(ke with { Id = "ke-app-shamba", Startup = "Shamba Intelligence", Sector = "Agriculture", Stage = Stage.Seed },
            requested: "60000000.00", tranches: ["20000000.00", "40000000.00"], coInvested: "60000000.00", paid: 2, ct).ConfigureAwait(false);
        await PaidAsync(ke with { Id = "ke-app-mpesa", Startup = "Pesa Risk Labs", Sector = "Fintech", Stage = Stage.SeriesA },
            requested: "90000000.00", tranches: ["30000000.00", "60000000.00"], coInvested: "30000000.00", paid: 1, ct).ConfigureAwait(false);
        await SubmitAsync(ke with { Id = "ke-app-afya", Startup = "Afya Triage", Sector = "Health", Stage = Stage.PreSeed }, "15000000.00", ct).ConfigureAwait(false);
    }

    private async Task JapanAsync(CancellationToken ct)
    {
        var jpy = Currency.Jpy;
        var fund = new FundId("jp-ai-fund");
        var bands = new MatchingPolicy([new MatchingBand(30_000_000, 7, 3), new MatchingBand(1_000_000_000, 1, 1)], null);
        await OpenAsync(fund, "JP", "Japan Deep Tech AI Fund", jpy, M("10000000", jpy), M("300000000", jpy), bands, ct).ConfigureAwait(false);
        await SponsorAsync(fund, "jp-meti", "Ministry of Economy, Trade and Industry", SponsorKind.Government, M("5000000000", jpy), M("1000000000", jpy), ct).ConfigureAwait(false);
        await SponsorAsync(fund, "jp-techpartner", "Technology Partner KK", SponsorKind.TechnologyPartner, M("2000000000", jpy), M("400000000", jpy), ct).ConfigureAwait(false);
        var jp = new Applicant(fund, "JP", jpy);
        // 7:3 on the first 30M, 1:1 on the next 20M: 50M public needs 12.857143M + 20M -> 32,857,143 private (rounded up).
        await PaidAsync(jp with { Id = "jp-app-kaze", Startup = "Kaze Robotics", Sector = "Robotics", Stage = Stage.SeriesA },
            requested: "80000000", tranches: ["50000000", "30000000"], coInvested: "32857143", paid: 1, ct).ConfigureAwait(false);
        await PaidAsync(jp with { Id = "jp-app-hikari", Startup = "Hikari Photonics", Sector = "Semiconductors", Stage = Stage.Seed },
            requested: "20000000", tranches: ["20000000"], coInvested: "8571429", paid: 1, ct).ConfigureAwait(false);
        await ReviewAsync(jp with { Id = "jp-app-sakura", Startup = "Sakura Language Models", Sector = "Language", Stage = Stage.Seed }, "40000000", score: true, ct).ConfigureAwait(false);
    }

    private async Task KuwaitAsync(CancellationToken ct)
    {
        var kwd = Currency.Kwd;
        var fund = new FundId("kw-ai-fund");
        await OpenAsync(fund, "KW", "Kuwait AI Ventures Fund", kwd, M("20000.000", kwd), M("1500000.000", kwd), ReadyMadePolicies.IsraelYozma, ct).ConfigureAwait(false);
        await SponsorAsync(fund, "kw-kia", "Kuwait Investment Authority", SponsorKind.Government, M("20000000.000", kwd), M("4000000.000", kwd), ct).ConfigureAwait(false);
        await SponsorAsync(fund, "kw-private", "Gulf Private Investors", SponsorKind.PrivateInvestor, M("5000000.000", kwd), M("1000000.000", kwd), ct).ConfigureAwait(false);
        var kw = new Applicant(fund, "KW", kwd);
        // Yozma: public at most 40% of the round -> 200,000.000 public needs 300,000.000 private.
        await PaidAsync(kw with { Id = "kw-app-sahel", Startup = "Sahel Desalination AI", Sector = "Climate", Stage = Stage.Seed },
            requested: "500000.000", tranches: ["200000.000", "300000.000"], coInvested: "300000.000", paid: 1, ct).ConfigureAwait(false);
        await ApproveAsync(kw with { Id = "kw-app-dana", Startup = "Dana Logistics", Sector = "Logistics", Stage = Stage.PreSeed }, "100000.000", ["40000.000", "60000.000"], ct).ConfigureAwait(false);
    }

    private sealed record Applicant(FundId Fund, string Country, Currency Currency)
    {
        public string Id { get; init; } = string.Empty;

        public string Startup { get; init; } = string.Empty;

        public string Sector { get; init; } = string.Empty;

        public Stage Stage { get; init; } = Stage.Seed;

        public ApplicationId AppId => new(Id);
    }

    private Task OpenAsync(FundId fund, string country, string name, Currency currency, Money ticketMin, Money ticketMax, MatchingPolicy matching, CancellationToken ct) =>
        FundAsync(new OpenFund(fund, new CountryCode(country), name, currency, new FundPolicy(ticketMin, ticketMax, matching, MinimumReviewerScores: 1), Next()), ct);

    private async Task SponsorAsync(FundId fund, string sponsor, string name, SponsorKind kind, Money committed, Money called, CancellationToken ct)
    {
        var sponsorId = new SponsorId(sponsor);
        var callId = new CallId(sponsor + "-call-1");
        await FundAsync(new CommitCapital(fund, sponsorId, name, kind, committed, Next()), ct).ConfigureAwait(false);
        await FundAsync(new CallCapital(fund, callId, sponsorId, called, Date(30), Next()), ct).ConfigureAwait(false);
        await FundAsync(new ReceiveCapital(fund, callId, called, Date(0), Next()), ct).ConfigureAwait(false);
    }

    private Task SubmitAsync(Applicant a, string requested, CancellationToken ct) =>
        FundingAsync(new SubmitApplication(a.AppId, a.Fund,
            new StartupProfile(new StartupId(a.Id.Replace("-app-", "-co-", StringComparison.Ordinal)), a.Startup, "REG-" + a.Id.ToUpperInvariant(), new CountryCode(a.Country)),
            a.Sector, a.Stage, Instrument.Equity, M(requested, a.Currency), $"{a.Startup} applies for AI seed funding.", Next()), ct);

    private async Task ReviewAsync(Applicant a, string requested, bool score, CancellationToken ct)
    {
        await SubmitAsync(a, requested, ct).ConfigureAwait(false);
        at += Duration.FromDays(3);
        await AppAsync(new StartReview(a.AppId, Next()), ct).ConfigureAwait(false);
        if (score)
        {
            await AppAsync(new ScoreApplication(a.AppId, new ReviewerId("reviewer-1"), 4, "Strong team.", Next()), ct).ConfigureAwait(false);
        }
    }

    private async Task ApproveAsync(Applicant a, string amount, string[] tranches, CancellationToken ct)
    {
        await ReviewAsync(a, amount, score: true, ct).ConfigureAwait(false);
        at += Duration.FromDays(9);
        var terms = tranches.Select((t, i) => new TrancheTerms(M(t, a.Currency), Milestones[Math.Min(i, Milestones.Length - 1)], Date(60 * (i + 1)))).ToList();
        await FundingAsync(new ApproveApplication(a.AppId, M(amount, a.Currency), terms, Next()), ct).ConfigureAwait(false);
    }

    private async Task PaidAsync(Applicant a, string requested, string[] tranches, string coInvested, int paid, CancellationToken ct)
    {
        await ApproveAsync(a, requested, tranches, ct).ConfigureAwait(false);
        await AppAsync(new AcceptOffer(a.AppId, Next()), ct).ConfigureAwait(false);
        var investor = new InvestorId(a.Id + "-angel");
        await AppAsync(new CommitCoInvestment(a.AppId, investor, "Angel syndicate", M(coInvested, a.Currency), Next()), ct).ConfigureAwait(false);
        await AppAsync(new ReceiveCoInvestment(a.AppId, investor, M(coInvested, a.Currency), Date(0), Next()), ct).ConfigureAwait(false);
        for (var tranche = 1; tranche <= paid; tranche++)
        {
            await AppAsync(new ReportMilestone(a.AppId, tranche, "Signed pilot contract and usage report.", Next()), ct).ConfigureAwait(false);
            await AppAsync(new VerifyMilestone(a.AppId, tranche, "Checked with the customer.", Next()), ct).ConfigureAwait(false);
            await FundingAsync(new DisburseTranche(a.AppId, tranche, Date(0), $"PAY-{a.Id.ToUpperInvariant()}-{tranche}", Next()), ct).ConfigureAwait(false);
        }
    }

    private Task FundAsync(FundCommand command, CancellationToken ct) => CountAsync(ledger.Commands.ExecuteAsync(command, NextRequest(), ct));

    private Task AppAsync(ApplicationCommand command, CancellationToken ct) => CountAsync(ledger.Commands.ExecuteAsync(command, NextRequest(), ct));

    private Task FundingAsync(FundingCommand command, CancellationToken ct) => CountAsync(ledger.Commands.ExecuteAsync(command, NextRequest(), ct));

    private async Task CountAsync(Task<CommandOutcome> execution)
    {
        var outcome = await execution.ConfigureAwait(false);
        if (outcome.Replayed)
        {
            present++;
        }
        else
        {
            written++;
        }
    }

    private CommandRequest NextRequest()
    {
        var key = $"demo-seed:{++step}";
        return new CommandRequest(key, Encoding.UTF8.GetBytes(key), null, new EventMetadata("demo-seed", key, "demo-seed"));
    }

    private Instant Next() => at += Duration.FromHours(5);

    private LocalDate Date(int daysFromNow) => (at + Duration.FromDays(daysFromNow)).InUtc().Date;

    private static Money M(string amount, Currency currency) => Money.Parse(amount, currency);
}

using System.Text.Json;
using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;
using StartupFund.EventStore;
using StartupFund.Ledger.Pipeline;
using StartupFund.Ledger.Views;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Tests;

public sealed class PipelineTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private static readonly Currency Eur = Currency.Eur;

    private StartupFundLedger Ledger => fixture.Ledger;

    [Fact]
    public async Task Approval_appends_application_and_fund_in_one_transaction_and_projects_both()
    {
        var fund = await fixture.OpenFundAsync("fund-approve", 1_000_000_00);
        var app = await fixture.ReviewedApplicationAsync(fund, "app-approve", 300_000_00);

        var outcome = await Ledger.Commands.ExecuteAsync(fixture.Approve(app, 300_000_00), CommandRequest.Plain);

        outcome.Status.ShouldBe(200);
        outcome.Version.ShouldBe(3);
        (await Ledger.Store.GetStreamAsync(Streams.Fund(fund)))!.Version.ShouldBe(5);
        var balance = (await Ledger.Queries.FundBalanceAsync(fund))!;
        balance.Figures.Reserved.ShouldBe(new Money(300_000_00, Eur));
        balance.Figures.AvailableToCommit.ShouldBe(new Money(700_000_00, Eur));
        balance.Figures.CashOnHand.ShouldBe(new Money(1_000_000_00, Eur));
        var trial = (await Ledger.Queries.TrialBalanceAsync(fund))!;
        trial.Balanced.ShouldBeTrue();
        (await Ledger.Queries.GetApplicationAsync(app))!.Status.ShouldBe(ApplicationStatus.Approved);
    }

    [Fact]
    public async Task A_refused_command_writes_nothing()
    {
        var fund = await fixture.OpenFundAsync("fund-refuse", 100_000_00);
        var app = await fixture.ReviewedApplicationAsync(fund, "app-refuse", 500_000_00);
        var before = await fixture.EventCountAsync();

        var refusal = await Should.ThrowAsync<DomainException>(() => Ledger.Commands.ExecuteAsync(fixture.Approve(app, 500_000_00), CommandRequest.Plain));

        refusal.Code.ShouldBe(ErrorCodes.FundInsufficientAvailable);
        (await fixture.EventCountAsync()).ShouldBe(before);
        (await Ledger.Queries.FundBalanceAsync(fund))!.Figures.Reserved.ShouldBe(new Money(0, Eur));
    }

    [Fact]
    public async Task A_repeated_idempotency_key_replays_the_first_response_and_writes_nothing()
    {
        var fund = await fixture.OpenFundAsync("fund-idem", 100_000_00);
        var command = new CommitCapital(fund, new SponsorId("partner"), "Partner", SponsorKind.TechnologyPartner, new Money(5_000_00, Eur), fixture.Clock.GetCurrentInstant());

        var first = await Ledger.Commands.ExecuteAsync(command, LedgerFixture.Keyed("k-1", "body"));
        var count = await fixture.EventCountAsync();
        var second = await Ledger.Commands.ExecuteAsync(command, LedgerFixture.Keyed("k-1", "body"));

        first.Replayed.ShouldBeFalse();
        second.Replayed.ShouldBeTrue();
        second.Body.ShouldBe(first.Body);
        second.Version.ShouldBe(first.Version);
        (await fixture.EventCountAsync()).ShouldBe(count);
        await Should.ThrowAsync<IdempotencyKeyReusedException>(() => Ledger.Commands.ExecuteAsync(command, LedgerFixture.Keyed("k-1", "other body")));
    }

    [Fact]
    public async Task Racing_identical_requests_produce_one_set_of_events_and_identical_outcomes()
    {
        var fund = await fixture.OpenFundAsync("fund-race", 100_000_00);
        var command = new CommitCapital(fund, new SponsorId("racer"), "Racer", SponsorKind.PrivateInvestor, new Money(1_00, Eur), fixture.Clock.GetCurrentInstant());
        var before = (await Ledger.Store.GetStreamAsync(Streams.Fund(fund)))!.Version;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Ledger.Commands.ExecuteAsync(command, LedgerFixture.Keyed("race-key", "same")))));

        outcomes.Select(o => o.Body).Distinct().Count().ShouldBe(1);
        outcomes.Count(o => !o.Replayed).ShouldBe(1);
        (await Ledger.Store.GetStreamAsync(Streams.Fund(fund)))!.Version.ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_repeated_request_that_runs_out_of_attempts_replays_the_first_response_instead_of_a_conflict()
    {
        var fund = await fixture.OpenFundAsync("fund-out-of-attempts", 100_000_00);
        var command = new CommitCapital(fund, new SponsorId("once"), "Once", SponsorKind.PrivateInvestor, new Money(1_00, Eur), fixture.Clock.GetCurrentInstant());
        var first = await Ledger.Commands.ExecuteAsync(command, LedgerFixture.Keyed("out-of-attempts", "same"));
        var pipeline = new CommandPipeline(Ledger.Store, new IdempotencyStore(fixture.Database.DataSource, new LedgerOptions().ReadSchema), fixture.Clock, maxAttempts: 2);
        var attempts = 0;
        Task<Decision> LosesEveryRace(CancellationToken token) =>
            throw new ConcurrencyException(Streams.Fund(fund), ExpectedVersion.Exact(++attempts), attempts + 1);

        var repeat = await pipeline.RunAsync(LedgerFixture.Keyed("out-of-attempts", "same"), LosesEveryRace, CancellationToken.None);
        await Should.ThrowAsync<ConflictRetriesExhaustedException>(() => pipeline.RunAsync(LedgerFixture.Keyed("never-ran", "same"), LosesEveryRace, CancellationToken.None));

        attempts.ShouldBe(4);
        repeat.Replayed.ShouldBeTrue();
        repeat.Body.ShouldBe(first.Body);
    }

    [Fact]
    public async Task If_match_on_a_stale_version_is_refused_with_the_current_version()
    {
        var fund = await fixture.OpenFundAsync("fund-ifmatch", 100_000_00);
        var command = new CloseFund(fund, "done", fixture.Clock.GetCurrentInstant());
        var stale = new CommandRequest(null, [], 2, EventMetadata.None);

        var mismatch = await Should.ThrowAsync<VersionMismatchException>(() => Ledger.Commands.ExecuteAsync(command, stale));

        mismatch.CurrentVersion.ShouldBe(4);
        var outcome = await Ledger.Commands.ExecuteAsync(command, new CommandRequest(null, [], 4, EventMetadata.None));
        outcome.Version.ShouldBe(5);
    }

    [Fact]
    public async Task Concurrent_commands_without_if_match_are_retried_until_each_lands()
    {
        var fund = await fixture.OpenFundAsync("fund-retry", 100_000_00);
        var now = fixture.Clock.GetCurrentInstant();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => Ledger.Commands.ExecuteAsync(
            new CommitCapital(fund, new SponsorId($"s{i}"), $"Sponsor {i}", SponsorKind.PrivateInvestor, new Money(1_00, Eur), now), CommandRequest.Plain))));

        (await Ledger.Store.GetStreamAsync(Streams.Fund(fund)))!.Version.ShouldBe(14);
        (await Ledger.Queries.GetFundAsync(fund))!.Committed.ShouldBe(new Money(100_010_00, Eur));
    }

    [Fact]
    public async Task Racing_declines_of_one_offer_land_once_and_the_rest_are_refused_never_failed()
    {
        // A ledger that does not yet know the application's fund loads the application, then the
        // fund: a decline landing between the two loads leaves the loser a pair from two moments,
        // which must be read again, not judged. Half the racers are such fresh ledgers; the other
        // half share one that remembers the fund and loads both in one round trip.
        var fund = await fixture.OpenFundAsync("fund-decline-race", 10_000_000_00);
        var now = fixture.Clock.GetCurrentInstant();
        var unexpected = new List<Exception>();
        for (var round = 0; round < 12; round++)
        {
            var app = await fixture.ReviewedApplicationAsync(fund, $"app-decline-race-{round}", 100_000_00);
            await Ledger.Commands.ExecuteAsync(fixture.Approve(app, 100_000_00), CommandRequest.Plain);

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(racer => Task.Run(async () =>
            {
                var ledger = racer % 2 == 0 ? Ledger : new StartupFundLedger(fixture.Database.DataSource, new LedgerOptions { Clock = fixture.Clock });
                try
                {
                    return (await ledger.Commands.ExecuteAsync(new DeclineOffer(app, "racing", now), CommandRequest.Plain)).Status;
                }
                catch (DomainException refusal) when (refusal.Code == ErrorCodes.ApplicationNoOpenOffer)
                {
                    return 409;
                }
                catch (Exception e)
                {
                    lock (unexpected)
                    {
                        unexpected.Add(e);
                    }

                    return 500;
                }
            })));

            outcomes.Count(status => status == 200).ShouldBe(1, $"round {round}: {string.Join(", ", outcomes)}");
        }

        unexpected.ShouldBeEmpty();
        (await Ledger.Queries.FundBalanceAsync(fund))!.Figures.Reserved.ShouldBe(new Money(0, Eur));
    }

    [Fact]
    public async Task Metadata_of_the_request_lands_on_every_event()
    {
        var fund = await fixture.OpenFundAsync("fund-meta", 100_000_00);
        await Ledger.Commands.ExecuteAsync(new CloseFund(fund, "done", fixture.Clock.GetCurrentInstant()), LedgerFixture.Keyed("meta-key"));

        var events = await Ledger.Store.ReadStreamAsync(Streams.Fund(fund));

        events[^1].Metadata.ShouldBe(new EventMetadata("corr-meta-key", "meta-key", "tester"));
    }

    [Fact]
    public async Task Projected_figures_agree_with_the_folded_fund_state()
    {
        var fund = await fixture.OpenFundAsync("fund-agree", 1_000_000_00);
        var app = await fixture.ReviewedApplicationAsync(fund, "app-agree", 200_000_00);
        await Ledger.Commands.ExecuteAsync(fixture.Approve(app, 200_000_00), CommandRequest.Plain);
        var now = fixture.Clock.GetCurrentInstant();
        await Ledger.Commands.ExecuteAsync(new AcceptOffer(app, now), CommandRequest.Plain);
        await Ledger.Commands.ExecuteAsync(new ReportMilestone(app, 1, "done", now), CommandRequest.Plain);
        await Ledger.Commands.ExecuteAsync(new VerifyMilestone(app, 1, null, now), CommandRequest.Plain);
        await Ledger.Commands.ExecuteAsync(new DisburseTranche(app, 1, new NodaTime.LocalDate(2026, 3, 3), "PAY-1", now), CommandRequest.Plain);

        var state = (await Ledger.Store.LoadAsync<FundState>(Streams.Fund(fund))).State;
        var figures = (await Ledger.Queries.FundBalanceAsync(fund))!.Figures;
        figures.Committed.MinorUnits.ShouldBe(state.CommittedMinor);
        figures.CashOnHand.MinorUnits.ShouldBe(state.CashOnHandMinor);
        figures.Reserved.MinorUnits.ShouldBe(state.ReservedMinor);
        figures.Disbursed.MinorUnits.ShouldBe(state.DisbursedMinor);
        figures.AvailableToCommit.MinorUnits.ShouldBe(state.AvailableToCommitMinor);
        figures.Disbursed.ShouldBe(new Money(100_000_00, Eur));
        var journal = (await Ledger.Queries.JournalAsync(fund, null, 100))!;
        journal.Items.Select(e => e.EventType).ShouldBe(["capital-committed", "capital-called", "capital-received", "funds-reserved", "funds-disbursed"]);

        var paged = new List<JournalEntryView>();
        string? cursor = null;
        do
        {
            var page = (await Ledger.Queries.JournalAsync(fund, cursor, 2))!;
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        paged.Select(e => e.Position).ShouldBe(journal.Items.Select(e => e.Position));
    }

    [Fact]
    public async Task A_journal_tells_an_unknown_fund_from_an_empty_page()
    {
        var now = fixture.Clock.GetCurrentInstant();
        var quiet = new FundId("fund-journal-quiet");
        await Ledger.Commands.ExecuteAsync(new OpenFund(quiet, new CountryCode("DE"), "No money yet", Eur,
            new FundPolicy(new Money(100, Eur), new Money(1_000_00, Eur), ReadyMadePolicies.NoMatching, 0), now), CommandRequest.Plain);
        var busy = await fixture.OpenFundAsync("fund-journal-busy", 1_000_00);

        (await Ledger.Queries.JournalAsync(new FundId("fund-journal-never-opened"), null, 10)).ShouldBeNull();
        var empty = (await Ledger.Queries.JournalAsync(quiet, null, 10)).ShouldNotBeNull();
        empty.Items.ShouldBeEmpty();
        empty.NextCursor.ShouldBeNull();

        var all = (await Ledger.Queries.JournalAsync(busy, null, 10)).ShouldNotBeNull();
        all.Items.Count.ShouldBe(3);
        var afterLast = (await Ledger.Queries.JournalAsync(busy, PageCursors.Encode(CursorList.Journal, PageCursors.Scope(busy.Value), all.Items[^1].Position.ToString(System.Globalization.CultureInfo.InvariantCulture)), 10)).ShouldNotBeNull();
        afterLast.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_list_of_applications_pages_through_each_once_in_id_order()
    {
        var fund = await fixture.OpenFundAsync("fund-pages", 100_000_00);
        var ids = new List<string>();
        foreach (var n in new[] { 3, 1, 4, 5, 2 })
        {
            ids.Add((await fixture.ReviewedApplicationAsync(fund, $"app-pages-{n}", 1_000_00)).Value);
        }

        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Ledger.Queries.ListApplicationsAsync(fund, null, null, cursor, 2);
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            paged.AddRange(page.Items.Select(a => a.ApplicationId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        paged.ShouldBe(ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stored_responses_use_the_public_money_shape()
    {
        var fund = await fixture.OpenFundAsync("fund-shape", 1_234_56);
        var view = JsonDocument.Parse((await Ledger.Commands.ExecuteAsync(new CloseFund(fund, "done", fixture.Clock.GetCurrentInstant()), CommandRequest.Plain)).Body);

        view.RootElement.GetProperty("committed").GetProperty("amount").GetString().ShouldBe("1234.56");
        view.RootElement.GetProperty("committed").GetProperty("currency").GetString().ShouldBe("EUR");
        view.RootElement.GetProperty("status").GetString().ShouldBe("closed");
    }

    [Fact]
    public async Task Migrating_again_from_several_callers_at_once_is_harmless()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Ledger.MigrateAsync())));

        (await fixture.Database.ScalarAsync<long>("select count(*) from information_schema.tables where table_schema = 'ledger'")).ShouldBe(5);
    }
}

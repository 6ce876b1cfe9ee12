using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Values;
using StartupFund.Ledger.Pipeline;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Tests;

/// <summary>
/// A ledger decides on the states it remembers from its own last load or append of each stream;
/// here a second ledger over the same database (another API process) moves streams on behind its back.
/// </summary>
public sealed class RememberedStateTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private static readonly Currency Eur = Currency.Eur;

    private StartupFundLedger Ledger => fixture.Ledger;

    private StartupFundLedger OtherProcess() => new(fixture.Database.DataSource, new LedgerOptions { Clock = fixture.Clock });

    [Fact]
    public async Task A_command_on_a_state_another_process_moved_on_from_lands_on_the_current_one()
    {
        var fund = await fixture.OpenFundAsync("fund-remembered-commit", 100_000_00);
        await OtherProcess().Commands.ExecuteAsync(Commit(fund, "other", 5_000_00), CommandRequest.Plain);

        var outcome = await Ledger.Commands.ExecuteAsync(Commit(fund, "mine", 7_000_00), CommandRequest.Plain);

        outcome.Version.ShouldBe(6);
        (await Ledger.Queries.GetFundAsync(fund))!.Committed.ShouldBe(new Money(112_000_00, Eur));
    }

    [Fact]
    public async Task A_refusal_judged_on_a_state_another_process_moved_on_from_is_judged_again()
    {
        var fund = await fixture.OpenFundAsync("fund-remembered-room", 100_000_00);
        var app = await fixture.ReviewedApplicationAsync(fund, "app-remembered-room", 150_000_00);
        var other = OtherProcess();
        var now = fixture.Clock.GetCurrentInstant();
        await other.Commands.ExecuteAsync(Commit(fund, "late", 100_000_00), CommandRequest.Plain);
        await other.Commands.ExecuteAsync(new CallCapital(fund, new CallId("call-2"), new SponsorId("late"), new Money(100_000_00, Eur),
            new NodaTime.LocalDate(2026, 4, 1), now), CommandRequest.Plain);
        await other.Commands.ExecuteAsync(new ReceiveCapital(fund, new CallId("call-2"), new Money(100_000_00, Eur),
            new NodaTime.LocalDate(2026, 3, 2), now), CommandRequest.Plain);

        // This ledger remembers the fund with 100,000 to commit; it now has 200,000.
        var outcome = await Ledger.Commands.ExecuteAsync(fixture.Approve(app, 150_000_00), CommandRequest.Plain);

        outcome.Status.ShouldBe(200);
        (await Ledger.Queries.FundBalanceAsync(fund))!.Figures.Reserved.ShouldBe(new Money(150_000_00, Eur));
    }

    [Fact]
    public async Task A_submission_to_a_fund_another_process_closed_is_refused()
    {
        var fund = await fixture.OpenFundAsync("fund-remembered-closed", 100_000_00);
        await OtherProcess().Commands.ExecuteAsync(new CloseFund(fund, "wound up", fixture.Clock.GetCurrentInstant()), CommandRequest.Plain);

        // This ledger remembers the fund open; a submission leaves the fund unwritten, so nothing checks it at the commit.
        var refusal = await Should.ThrowAsync<DomainException>(() => fixture.ReviewedApplicationAsync(fund, "app-remembered-closed", 10_000_00));

        refusal.Code.ShouldBe(ErrorCodes.FundClosed);
        (await Ledger.Store.GetStreamAsync(Streams.Application(new ApplicationId("app-remembered-closed")))).ShouldBeNull();
    }

    [Fact]
    public async Task An_if_match_on_the_current_version_passes_where_the_remembered_one_is_behind()
    {
        var fund = await fixture.OpenFundAsync("fund-remembered-ifmatch", 100_000_00);
        await OtherProcess().Commands.ExecuteAsync(Commit(fund, "other", 1_00), CommandRequest.Plain);

        var outcome = await Ledger.Commands.ExecuteAsync(new CloseFund(fund, "done", fixture.Clock.GetCurrentInstant()),
            new CommandRequest(null, [], 5, EventStore.EventMetadata.None));

        outcome.Version.ShouldBe(6);
    }

    [Fact]
    public async Task A_fund_whose_read_model_row_was_deleted_refuses_commands_instead_of_writing_a_partial_document()
    {
        var fund = await fixture.OpenFundAsync("fund-remembered-no-row", 100_000_00);
        await fixture.Database.ExecuteAsync($"delete from ledger.funds where fund_id = '{fund.Value}'");
        var withoutStates = new StartupFundLedger(fixture.Database.DataSource, new LedgerOptions { Clock = fixture.Clock, RememberedStates = 0 });
        var streamId = Streams.Fund(fund);
        var before = (await withoutStates.Store.GetStreamAsync(streamId))!.Version;

        var failure = await Should.ThrowAsync<InvalidOperationException>(() =>
            withoutStates.Commands.ExecuteAsync(Commit(fund, "after-delete", 1_000_00), CommandRequest.Plain));

        failure.Message.ShouldContain($"no row for fund {fund.Value}");
        failure.Message.ShouldContain("verify-read-models");
        (await withoutStates.Store.GetStreamAsync(streamId))!.Version.ShouldBe(before);
        (await fixture.Database.ScalarAsync<long>($"select count(*) from ledger.funds where fund_id = '{fund.Value}'")).ShouldBe(0);
    }

    private CommitCapital Commit(FundId fund, string sponsor, long amountMinor) =>
        new(fund, new SponsorId(sponsor), "Sponsor " + sponsor, SponsorKind.PrivateInvestor, new Money(amountMinor, Eur), fixture.Clock.GetCurrentInstant());

    [Fact]
    public async Task A_row_deleted_by_hand_is_written_whole_again_by_the_next_command_on_a_loaded_state()
    {
        var fund = await fixture.OpenFundAsync("fund-deleted-row", 100_000_00);
        var app = await fixture.ReviewedApplicationAsync(fund, "app-deleted-row", 50_000_00);
        var submittedAt = await fixture.Database.ScalarAsync<DateTime>("select submitted_at from ledger.applications where application_id = 'app-deleted-row'");
        await fixture.Database.ExecuteAsync("delete from ledger.applications where application_id = 'app-deleted-row'");

        // Another process holds no state of the stream: it loads it from the log and writes the row from that state.
        await OtherProcess().Commands.ExecuteAsync(fixture.Approve(app, 50_000_00), CommandRequest.Plain);

        (await fixture.Database.ScalarAsync<DateTime>("select submitted_at from ledger.applications where application_id = 'app-deleted-row'"))
            .ShouldBe(submittedAt);
        (await fixture.Database.ScalarAsync<string>("select status from ledger.applications where application_id = 'app-deleted-row'")).ShouldBe("Approved");
        (await fixture.Database.ScalarAsync<DateTime?>("select decided_at from ledger.applications where application_id = 'app-deleted-row'")).ShouldNotBeNull();
    }
}

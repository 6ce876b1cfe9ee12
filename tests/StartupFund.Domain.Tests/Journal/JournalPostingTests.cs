using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Journal;
using StartupFund.Domain.Values;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Journal;

public class JournalPostingTests
{
    private static Transfer Posted(AccountCode debit, AccountCode credit, string amount) =>
        new(debit, credit, Gbp(amount), TransferKind.Posted, null);

    private static string Pending(int tranche, int attempt) => JournalPosting.PendingId(TheApp, tranche, attempt);

    private static Transfer[] TransfersOf(object @event) => [.. JournalPosting.For(@event)!.Transfers];

    [Fact]
    public void A_commitment_debits_uncalled_commitments_and_credits_the_sponsor_kind_equity()
    {
        TransfersOf(Committed("2000000.00")).ShouldBe(
            [Posted(AccountCode.UncalledCommitments, AccountCode.CommittedCapitalGovernment, "2000000.00")]);
        TransfersOf(Committed("5.00", kind: SponsorKind.TechnologyPartner)).ShouldBe(
            [Posted(AccountCode.UncalledCommitments, AccountCode.CommittedCapitalTechnologyPartner, "5.00")]);
        TransfersOf(Committed("5.00", kind: SponsorKind.PrivateInvestor)).ShouldBe(
            [Posted(AccountCode.UncalledCommitments, AccountCode.CommittedCapitalPrivateInvestors, "5.00")]);
    }

    [Fact]
    public void A_call_moves_a_commitment_to_receivable_and_a_receipt_moves_it_to_cash()
    {
        TransfersOf(Called("10.00")).ShouldBe([Posted(AccountCode.CapitalCallsReceivable, AccountCode.UncalledCommitments, "10.00")]);
        TransfersOf(Received("10.00")).ShouldBe([Posted(AccountCode.Cash, AccountCode.CapitalCallsReceivable, "10.00")]);
    }

    [Fact]
    public void A_reservation_is_one_pending_transfer_per_tranche() =>
        TransfersOf(Reserved).ShouldBe(
        [
            new Transfer(AccountCode.Portfolio, AccountCode.Cash, Gbp("100000.00"), TransferKind.Pending, "app-0001/tranche-1/attempt-1"),
            new Transfer(AccountCode.Portfolio, AccountCode.Cash, Gbp("100000.00"), TransferKind.Pending, Pending(2, 1)),
            new Transfer(AccountCode.Portfolio, AccountCode.Cash, Gbp("100000.00"), TransferKind.Pending, Pending(3, 1)),
        ]);

    [Fact]
    public void A_disbursement_posts_its_tranche_reservation() =>
        TransfersOf(FundPaid(2)).ShouldBe(
            [new Transfer(AccountCode.Portfolio, AccountCode.Cash, Gbp("100000.00"), TransferKind.PostPending, Pending(2, 1))]);

    [Fact]
    public void A_reversal_returns_the_cash_and_reserves_the_tranche_again_as_the_next_attempt() =>
        TransfersOf(new DisbursementReversed(TheFund, TheApp, 1, 1, Gbp("100000.00"), "Returned", At)).ShouldBe(
        [
            Posted(AccountCode.Cash, AccountCode.Portfolio, "100000.00"),
            new Transfer(AccountCode.Portfolio, AccountCode.Cash, Gbp("100000.00"), TransferKind.Pending, Pending(1, 2)),
        ]);

    [Fact]
    public void A_release_voids_the_open_reservations() =>
        TransfersOf(new ReservationReleased(TheFund, TheApp, Gbp("200000.00"), [.. Reserved.Tranches.Skip(1)], "Stop", At)).ShouldBe(
        [
            new Transfer(AccountCode.Portfolio, AccountCode.Cash, Gbp("100000.00"), TransferKind.VoidPending, Pending(2, 1)),
            new Transfer(AccountCode.Portfolio, AccountCode.Cash, Gbp("100000.00"), TransferKind.VoidPending, Pending(3, 1)),
        ]);

    [Fact]
    public void Co_investment_is_tracked_in_memo_accounts()
    {
        TransfersOf(CoCommitted("150000.00")).ShouldBe(
            [Posted(AccountCode.CoInvestmentCommittedMemo, AccountCode.CoInvestmentContraMemo, "150000.00")]);
        TransfersOf(CoReceived("100000.00")).ShouldBe(
            [Posted(AccountCode.CoInvestmentReceivedMemo, AccountCode.CoInvestmentCommittedMemo, "100000.00")]);
    }

    [Fact]
    public void Events_that_move_no_money_post_nothing()
    {
        JournalPosting.For(Opened()).ShouldBeNull();
        JournalPosting.For(Submitted()).ShouldBeNull();
        JournalPosting.For(Approved).ShouldBeNull();
        JournalPosting.For(Paid(1)).ShouldBeNull();
        JournalPosting.For(new ReviewStarted(TheApp, At)).ShouldBeNull();
    }

    [Fact]
    public void Money_that_moved_carries_what_a_bank_statement_shows()
    {
        JournalPosting.For(Received("10.00"))!.ShouldSatisfyAllConditions(
            e => e.ValueDate.ShouldBe(Today), e => e.Reference.ShouldBe(Call1.Value));
        JournalPosting.For(FundPaid(1))!.ShouldSatisfyAllConditions(
            e => e.ValueDate.ShouldBe(Today), e => e.Reference.ShouldBe("PAY-1-1"));
        JournalPosting.For(new DisbursementReversed(TheFund, TheApp, 1, 1, Gbp("100000.00"), "Returned", At))!.Reference
            .ShouldBe(JournalPosting.PendingId(TheApp, 1, 1));
        JournalPosting.For(new DisbursementReversed(TheFund, TheApp, 1, 1, Gbp("100000.00"), "Returned", At, Today.PlusDays(3)))!.ValueDate
            .ShouldBe(Today.PlusDays(3));
        JournalPosting.For(CoReceived("1.00"))!.ShouldSatisfyAllConditions(
            e => e.ValueDate.ShouldBe(Today), e => e.Reference.ShouldBe(Angel.Value));
        JournalPosting.For(CoCommitted("1.00"))!.Reference.ShouldBe(Angel.Value);
        JournalPosting.For(Reserved)!.ValueDate.ShouldBeNull();
    }

    [Fact]
    public void Entries_carry_the_fund_and_the_event_alias()
    {
        var entry = JournalPosting.For(CoReceived("1.00"))!;
        entry.FundId.ShouldBe(TheFund);
        entry.EventAlias.ShouldBe("co-investment-received");
        entry.IsBalanced().ShouldBeTrue();
    }

    [Fact]
    public void Figures_of_a_worked_history_come_from_the_account_balances()
    {
        // Committed 2,000,000 (government) + 500,000 (technology partner); called and received 1,000,000;
        // approved 300,000 in three tranches; tranche 1 paid, reversed, paid again; tranche 2 paid;
        // tranche 3 released; 250,000 co-investment committed, 200,000 received.
        var restored = new DisbursementReversed(TheFund, TheApp, 1, 1, Gbp("100000.00"), "Returned", At);
        object[] history =
        [
            Committed("2000000.00"), Committed("500000.00", new SponsorId("partner"), SponsorKind.TechnologyPartner),
            Called("1000000.00"), Received("1000000.00"), Reserved, FundPaid(1), restored, FundPaid(1, attempt: 2), FundPaid(2),
            new ReservationReleased(TheFund, TheApp, Gbp("100000.00"), [new ReservedTranche(3, 1, Gbp("100000.00"))], "Stop", At),
            CoCommitted("250000.00"), CoReceived("200000.00"),
        ];
        var ledger = history.Select(JournalPosting.For).Aggregate(FundLedger.Empty(TheFund, Currency.Gbp), (l, e) => l.Apply(e!));
        ledger.IsBalanced().ShouldBeTrue();
        ledger.OpenPending.ShouldBeEmpty();

        var figures = FundFigures.From(ledger);
        figures.CommittedGovernmentMinor.ShouldBe(Gbp("2000000.00").MinorUnits);
        figures.CommittedTechnologyPartnerMinor.ShouldBe(Gbp("500000.00").MinorUnits);
        figures.CommittedMinor.ShouldBe(Gbp("2500000.00").MinorUnits);
        figures.CalledMinor.ShouldBe(Gbp("1000000.00").MinorUnits);
        figures.ReceivedMinor.ShouldBe(Gbp("1000000.00").MinorUnits);
        figures.CashOnHandMinor.ShouldBe(Gbp("800000.00").MinorUnits);
        figures.ReservedMinor.ShouldBe(0);
        figures.DisbursedMinor.ShouldBe(Gbp("200000.00").MinorUnits);
        figures.AvailableToCommitMinor.ShouldBe(Gbp("2300000.00").MinorUnits);
        figures.CoInvestmentCommittedMinor.ShouldBe(Gbp("250000.00").MinorUnits);
        figures.CoInvestmentReceivedMinor.ShouldBe(Gbp("200000.00").MinorUnits);
        figures.Leverage.ShouldBe(new Ratio(1, 1));
    }

    [Fact]
    public void Leverage_is_unknown_before_any_public_money_is_paid() =>
        FundFigures.From(FundLedger.Empty(TheFund, Currency.Gbp)).Leverage.ShouldBeNull();

    [Fact]
    public void The_ledger_refuses_to_post_or_void_a_reservation_that_is_not_open()
    {
        var ledger = FundLedger.Empty(TheFund, Currency.Gbp);
        Should.Throw<InvalidOperationException>(() => ledger.Apply(JournalPosting.For(FundPaid(1))!));
        var reserved = ledger.Apply(JournalPosting.For(Reserved)!);
        Should.Throw<InvalidOperationException>(() => reserved.Apply(JournalPosting.For(Reserved)!));
        var paid = reserved.Apply(JournalPosting.For(FundPaid(1))!);
        Should.Throw<InvalidOperationException>(() => paid.Apply(JournalPosting.For(FundPaid(1))!));
    }

    [Fact]
    public void The_ledger_refuses_entries_of_another_fund_or_currency()
    {
        var ledger = FundLedger.Empty(TheFund, Currency.Eur);
        Should.Throw<InvalidOperationException>(() => ledger.Apply(JournalPosting.For(Committed("1.00"))!));
        var other = FundLedger.Empty(new FundId("other"), Currency.Gbp);
        Should.Throw<InvalidOperationException>(() => other.Apply(JournalPosting.For(Committed("1.00"))!));
    }

    [Fact]
    public void The_chart_lists_every_account_once_per_fund()
    {
        var chart = ChartOfAccounts.For(TheFund);
        chart.Select(account => account.Code).ShouldBe(Enum.GetValues<AccountCode>(), ignoreOrder: true);
        chart.ShouldAllBe(account => account.FundId == TheFund);
    }
}

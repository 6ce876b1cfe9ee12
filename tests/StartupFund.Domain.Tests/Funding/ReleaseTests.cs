using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Journal;
using StartupFund.Domain.Values;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Funding;

/// <summary>Declining an offer and cancelling the remainder release the unpaid reservation.</summary>
public class ReleaseTests
{
    private static DisburseTranche Disburse(int tranche, int attempt = 1) =>
        new(TheApp, tranche, Today, $"PAY-{tranche}-{attempt}", At);

    [Fact]
    public void The_startup_declining_the_offer_releases_the_whole_reservation()
    {
        var released = new ReservationReleased(TheFund, TheApp, Gbp("300000.00"), Reserved.Tranches, "Took another offer", At);
        Spec.Given(FundWithReservation(), ApprovedApplication)
            .When(new DeclineOffer(TheApp, "Took another offer", At))
            .Then([new OfferDeclined(TheApp, TheFund, Gbp("300000.00"), "Took another offer", At)], [released]);
        Spec.Given(FundWithReservation(), ActiveApplication)
            .When(new DeclineOffer(TheApp, null, At)).ThenRefused(ErrorCodes.ApplicationNoOpenOffer);
    }

    [Fact]
    public void Declining_an_offer_releases_the_co_investments_committed_alongside_it()
    {
        var released = new ReservationReleased(TheFund, TheApp, Gbp("300000.00"), Reserved.Tranches, "Took another offer", At);
        var coInvested = new CoInvestmentCommitted(TheApp, TheFund, Angel, "Angel Syndicate", Gbp("250000.00"), At);
        Spec.Given(FundWithReservation(), [.. ApprovedApplication, coInvested, CoReceived("200000.00")])
            .When(new DeclineOffer(TheApp, "Took another offer", At))
            .Then(
                [
                    new OfferDeclined(TheApp, TheFund, Gbp("300000.00"), "Took another offer", At),
                    new CoInvestmentsReleased(TheApp, TheFund, Gbp("200000.00"), Gbp("50000.00"), At),
                ],
                [released]);

        var entry = JournalPosting.For(new CoInvestmentsReleased(TheApp, TheFund, Gbp("200000.00"), Gbp("50000.00"), At))!;
        entry.IsBalanced().ShouldBeTrue();
        entry.Transfers.Select(t => (t.Debit, t.Credit, t.Amount)).ShouldBe(
        [
            (AccountCode.CoInvestmentContraMemo, AccountCode.CoInvestmentReceivedMemo, Gbp("200000.00")),
            (AccountCode.CoInvestmentContraMemo, AccountCode.CoInvestmentCommittedMemo, Gbp("50000.00")),
        ]);
        object[] history = [coInvested, CoReceived("200000.00"), new CoInvestmentsReleased(TheApp, TheFund, Gbp("200000.00"), Gbp("50000.00"), At)];
        var ledger = history.Select(JournalPosting.For).Aggregate(FundLedger.Empty(TheFund, Currency.Gbp), (l, e) => l.Apply(e!));
        var figures = FundFigures.From(ledger);
        figures.CoInvestmentCommittedMinor.ShouldBe(0);
        figures.CoInvestmentReceivedMinor.ShouldBe(0);

        // The application keeps what its startup received and expects nothing more.
        var declined = ApplicationDecider.Fold([.. ApprovedApplication, coInvested, CoReceived("200000.00"),
            new OfferDeclined(TheApp, TheFund, Gbp("300000.00"), "Took another offer", At),
            new CoInvestmentsReleased(TheApp, TheFund, Gbp("200000.00"), Gbp("50000.00"), At)]);
        declined.CoInvestmentReceivedMinor.ShouldBe(20_000_000);
        declined.CoInvestors.Values.Single().OutstandingMinor.ShouldBe(0);
    }

    [Fact]
    public void Cancelling_the_remainder_releases_only_the_unpaid_tranches()
    {
        var released = new ReservationReleased(
            TheFund, TheApp, Gbp("200000.00"), [.. Reserved.Tranches.Skip(1)], "Milestones abandoned", At);
        Spec.Given([.. FundWithReservation(), FundPaid(1)], [.. ActiveApplication, Paid(1)])
            .When(new CancelRemainder(TheApp, "Milestones abandoned", At))
            .Then([new RemainderCancelled(TheApp, TheFund, Gbp("200000.00"), "Milestones abandoned", At)], [released]);
        var fund = FundDecider.Fold([.. FundWithReservation(), FundPaid(1), released]);
        fund.ReservedMinor.ShouldBe(0);
        fund.AvailableToCommitMinor.ShouldBe(190_000_000);
    }

    [Fact]
    public void Cancelling_uses_each_tranche_current_attempt()
    {
        var restored = new DisbursementReversed(TheFund, TheApp, 1, 1, Gbp("100000.00"), "Returned", At);
        var reversed = new TrancheDisbursementReversed(TheApp, TheFund, 1, 1, Gbp("100000.00"), "Returned", At);
        var decision = Spec.Given([.. FundWithReservation(), FundPaid(1), restored], [.. ActiveApplication, Paid(1), reversed])
            .When(new CancelRemainder(TheApp, "Stopped", At)).ThenSucceeds();
        var released = decision.FundEvents.ShouldHaveSingleItem().ShouldBeOfType<ReservationReleased>();
        released.Tranches[0].ShouldBe(new ReservedTranche(1, 2, Gbp("100000.00")));
    }

    [Fact]
    public void Nothing_is_left_to_cancel_on_a_fully_paid_or_cancelled_application()
    {
        object[] fullyPaid = [.. ActiveApplication, Paid(1), Reported(2), Verified(2), Paid(2), Reported(3), Verified(3), Paid(3)];
        Spec.Given([.. FundWithReservation(), FundPaid(1), FundPaid(2), FundPaid(3)], fullyPaid)
            .When(new CancelRemainder(TheApp, "Stop", At)).ThenRefused(ErrorCodes.ApplicationNotFunding);
        object[] cancelled = [.. ActiveApplication, new RemainderCancelled(TheApp, TheFund, Gbp("300000.00"), "Stop", At)];
        Spec.Given(FundWithCash(), cancelled).When(new CancelRemainder(TheApp, "Stop", At)).ThenRefused(ErrorCodes.ApplicationNotFunding);
        Spec.Given(FundWithCash(), cancelled).When(Disburse(1)).ThenRefused(ErrorCodes.ApplicationNotFunding);
    }

    [Fact]
    public void Cancelling_before_the_first_payment_releases_every_co_investment_as_declining_does()
    {
        var coInvested = new CoInvestmentCommitted(TheApp, TheFund, Angel, "Angel Syndicate", Gbp("250000.00"), At);
        var decision = Spec.Given(FundWithReservation(), [.. ActiveApplication, coInvested, CoReceived("200000.00")])
            .When(new CancelRemainder(TheApp, "Company wound down", At)).ThenSucceeds();

        decision.ApplicationEvents.ShouldBeEvents(
            new RemainderCancelled(TheApp, TheFund, Gbp("300000.00"), "Company wound down", At),
            new CoInvestmentsReleased(TheApp, TheFund, Gbp("200000.00"), Gbp("50000.00"), At));
        var cancelled = ApplicationDecider.Fold([.. ActiveApplication, coInvested, CoReceived("200000.00"), .. decision.ApplicationEvents]);
        ApplicationStatuses.IsFunded(cancelled).ShouldBeFalse("it funded nothing, so the portfolio does not list it");
    }

    [Fact]
    public void Cancelling_after_a_payment_releases_only_what_is_still_outstanding()
    {
        var coInvested = new CoInvestmentCommitted(TheApp, TheFund, Angel, "Angel Syndicate", Gbp("250000.00"), At);
        object[] application = [.. ActiveApplication, coInvested, CoReceived("200000.00"), Paid(1)];
        var decision = Spec.Given([.. FundWithReservation(), FundPaid(1)], application)
            .When(new CancelRemainder(TheApp, "Milestones abandoned", At)).ThenSucceeds();

        decision.ApplicationEvents.ShouldBeEvents(
            new RemainderCancelled(TheApp, TheFund, Gbp("200000.00"), "Milestones abandoned", At),
            new CoInvestmentsReleased(TheApp, TheFund, Gbp("0.00"), Gbp("50000.00"), At));
        var cancelled = ApplicationDecider.Fold([.. application, .. decision.ApplicationEvents]);
        ApplicationStatuses.IsFunded(cancelled).ShouldBeTrue();
        cancelled.CoInvestmentReceivedMinor.ShouldBe(20_000_000);
        cancelled.CoInvestors.Values.Single().OutstandingMinor.ShouldBe(0);

        // Nothing outstanding, nothing to release.
        object[] settled = [.. ActiveApplication, coInvested, CoReceived("250000.00"), Paid(1)];
        Spec.Given([.. FundWithReservation(), FundPaid(1)], settled).When(new CancelRemainder(TheApp, "Stop", At)).ThenSucceeds()
            .ApplicationEvents.ShouldHaveSingleItem().ShouldBeOfType<RemainderCancelled>();
    }
}

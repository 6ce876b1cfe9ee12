using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Funding;

/// <summary>Failed payments: cash and reservation restored, latest tranche first.</summary>
public class ReversalTests
{
    private static DisburseTranche Disburse(int tranche, int attempt = 1) =>
        new(TheApp, tranche, Today, $"PAY-{tranche}-{attempt}", At);

    [Fact]
    public void A_failed_payment_is_reversed_restoring_cash_and_reservation()
    {
        // Without a value date the money came back the day the reversal is recorded.
        var reversed = new TrancheDisbursementReversed(TheApp, TheFund, 1, 1, Gbp("100000.00"), "Bank returned the transfer", At, Today);
        var restored = new DisbursementReversed(TheFund, TheApp, 1, 1, Gbp("100000.00"), "Bank returned the transfer", At, Today);
        Spec.Given([.. FundWithReservation(), FundPaid(1)], [.. ActiveApplication, Paid(1)])
            .When(new ReverseDisbursement(TheApp, 1, "Bank returned the transfer", At))
            .Then([reversed], [restored]);

        var fund = FundDecider.Fold([.. FundWithReservation(), FundPaid(1), restored]);
        fund.CashOnHandMinor.ShouldBe(100_000_000);
        fund.ReservedMinor.ShouldBe(30_000_000);
        fund.DisbursedMinor.ShouldBe(0);
        var application = ApplicationDecider.Fold([.. ActiveApplication, Paid(1), reversed]);
        application.Tranches[0].Paid.ShouldBeFalse();
        application.Tranches[0].Attempt.ShouldBe(2);

        // The second attempt is paid like any tranche.
        Spec.Given([.. FundWithReservation(), FundPaid(1), restored], [.. ActiveApplication, Paid(1), reversed])
            .When(Disburse(1, attempt: 2)).Then([Paid(1, attempt: 2)], [FundPaid(1, attempt: 2)]);
    }

    [Fact]
    public void Only_the_latest_paid_tranche_is_reversed()
    {
        object[] fund = [.. FundWithReservation(), FundPaid(1), FundPaid(2)];
        object[] application = [.. ActiveApplication, Paid(1), Reported(2), Verified(2), Paid(2)];
        Spec.Given(fund, application).When(new ReverseDisbursement(TheApp, 1, "Returned", At)).ThenRefused(ErrorCodes.TrancheReversalOutOfOrder);
        Spec.Given(fund, application).When(new ReverseDisbursement(TheApp, 3, "Returned", At)).ThenRefused(ErrorCodes.TrancheNotPaid);
        Spec.Given(fund, application).When(new ReverseDisbursement(TheApp, 2, "", At)).ThenRefused(ErrorCodes.TextRequired);
        Spec.Given(FundWithReservation(), ApprovedApplication)
            .When(new ReverseDisbursement(TheApp, 1, "Returned", At)).ThenRefused(ErrorCodes.ApplicationNotFunding);
    }

    [Fact]
    public void A_fully_paid_application_may_still_have_its_last_payment_reversed()
    {
        object[] fund = [.. FundWithReservation(), FundPaid(1), FundPaid(2), FundPaid(3)];
        object[] application = [.. ActiveApplication, Paid(1), Reported(2), Verified(2), Paid(2), Reported(3), Verified(3), Paid(3)];
        var decision = Spec.Given(fund, application).When(new ReverseDisbursement(TheApp, 3, "Returned", At)).ThenSucceeds();
        ApplicationDecider.Fold([.. application, .. decision.ApplicationEvents]).Status.ShouldBe(ApplicationStatus.Active);
    }

    [Fact]
    public void The_money_comes_back_on_its_value_date_never_before_the_payment_s_own()
    {
        object[] fund = [.. FundWithReservation(), FundPaid(1)];
        object[] application = [.. ActiveApplication, Paid(1)];
        var decision = Spec.Given(fund, application)
            .When(new ReverseDisbursement(TheApp, 1, "Returned", At.Plus(NodaTime.Duration.FromDays(5)), Today.PlusDays(4))).ThenSucceeds();
        ((DisbursementReversed)decision.FundEvents.Single()).ValueDate.ShouldBe(Today.PlusDays(4));
        ((TrancheDisbursementReversed)decision.ApplicationEvents.Single()).ValueDate.ShouldBe(Today.PlusDays(4));

        Spec.Given(fund, application).When(new ReverseDisbursement(TheApp, 1, "Returned", At, Today.PlusDays(-1)))
            .ThenRefused(ErrorCodes.ValueDateTooEarly, "valueDate");

        // A payment announced forward-dated and cancelled before it is due comes back, without a date given, on its own day.
        object[] ahead = [.. FundWithReservation(), FundPaid(1) with { ValueDate = Today.PlusDays(5) }];
        var undated = Spec.Given(ahead, [.. ActiveApplication, Paid(1) with { ValueDate = Today.PlusDays(5) }])
            .When(new ReverseDisbursement(TheApp, 1, "Instruction cancelled", At)).ThenSucceeds();
        ((DisbursementReversed)undated.FundEvents.Single()).ValueDate.ShouldBe(Today.PlusDays(5));
        Spec.Given(fund, application).When(new ReverseDisbursement(TheApp, 1, "Returned", At, Today.PlusDays(ValueDates.MaxDaysAhead + 1)))
            .ThenRefused(ErrorCodes.ValueDateTooFarAhead, "valueDate");
    }

    [Fact]
    public void Money_that_came_back_is_cash_only_from_the_day_it_came_back()
    {
        // The fund holds exactly the 1,000,000.00 it received; tranche 1 (100,000.00) goes out and comes back ten days later.
        var cameBack = Today.PlusDays(10);
        var restored = new DisbursementReversed(TheFund, TheApp, 1, 1, Gbp("100000.00"), "Returned", At, cameBack);
        var state = FundDecider.Fold([.. FundWithReservation(), FundPaid(1), restored]);

        state.CashOnHandMinor.ShouldBe(100_000_000);
        state.CashOnHandOnMinor(cameBack).ShouldBe(100_000_000);
        state.CashOnHandOnMinor(cameBack.PlusDays(-1)).ShouldBe(90_000_000, "before it came back the money was not the fund's to spend");
        StartupFund.Domain.Journal.JournalPosting.For(restored)!.ValueDate.ShouldBe(cameBack);
    }

    [Fact]
    public void A_payment_returned_after_the_remainder_was_cancelled_is_booked_back_to_available_and_the_application_stays_cancelled()
    {
        var coInvested = new CoInvestmentCommitted(TheApp, TheFund, Angel, "Angel Syndicate", Gbp("100000.00"), At);
        var cancelled = new RemainderCancelled(TheApp, TheFund, Gbp("200000.00"), "Milestones abandoned", At);
        var releasedReservation = new ReservationReleased(TheFund, TheApp, Gbp("200000.00"), [.. Reserved.Tranches.Skip(1)], "Milestones abandoned", At);
        object[] application = [.. ActiveApplication, coInvested, CoReceived("100000.00"), Paid(1), cancelled];
        object[] fund = [.. FundWithReservation(), FundPaid(1), releasedReservation];
        var before = FundDecider.Fold(fund);

        var decision = Spec.Given(fund, application).When(new ReverseDisbursement(TheApp, 1, "Beneficiary account closed", At)).ThenSucceeds();

        decision.FundEvents.ShouldBeEvents(
            new DisbursementReversed(TheFund, TheApp, 1, 1, Gbp("100000.00"), "Beneficiary account closed", At, Today, AfterCancellation: true));
        decision.ApplicationEvents.ShouldBeEvents(
            new TrancheDisbursementReversed(TheApp, TheFund, 1, 1, Gbp("100000.00"), "Beneficiary account closed", At, Today),
            new CoInvestmentsReleased(TheApp, TheFund, Gbp("100000.00"), Gbp("0.00"), At));
        var after = FundDecider.Fold([.. fund, .. decision.FundEvents]);
        after.CashOnHandMinor.ShouldBe(before.CashOnHandMinor + 10_000_000);
        after.DisbursedMinor.ShouldBe(0);
        after.ReservedMinor.ShouldBe(0, "nothing is reserved for a cancelled application");
        after.AvailableToCommitMinor.ShouldBe(before.AvailableToCommitMinor + 10_000_000);
        StartupFund.Domain.Journal.JournalPosting.For(decision.FundEvents.Single())!.Transfers.ShouldHaveSingleItem().Kind
            .ShouldBe(StartupFund.Domain.Journal.TransferKind.Posted);
        var state = ApplicationDecider.Fold([.. application, .. decision.ApplicationEvents]);
        state.Status.ShouldBe(ApplicationStatus.Cancelled);
        ApplicationStatuses.IsFunded(state).ShouldBeFalse("every payment came back: it funded nothing");
        Spec.Given([.. fund, .. decision.FundEvents], [.. application, .. decision.ApplicationEvents]).When(Disburse(1, attempt: 2))
            .ThenRefused(ErrorCodes.ApplicationNotFunding);
    }
}

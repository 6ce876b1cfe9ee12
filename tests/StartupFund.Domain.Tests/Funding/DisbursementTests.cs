using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Funding;

public class DisbursementTests
{
    private static DisburseTranche Disburse(int tranche, int attempt = 1) =>
        new(TheApp, tranche, Today, $"PAY-{tranche}-{attempt}", At);

    [Fact]
    public void The_first_tranche_is_paid_without_a_verified_milestone() =>
        Spec.Given(FundWithReservation(), ActiveApplication).When(Disburse(1)).Then([Paid(1)], [FundPaid(1)]);

    [Fact]
    public void A_later_tranche_is_paid_once_its_milestone_is_verified() =>
        Spec.Given([.. FundWithReservation(), FundPaid(1)], [.. ActiveApplication, Paid(1), Reported(2), Verified(2)])
            .When(Disburse(2))
            .Then([Paid(2)], [FundPaid(2)]);

    [Fact]
    public void A_tranche_is_not_paid_before_its_milestone_is_verified()
    {
        Spec.Given([.. FundWithReservation(), FundPaid(1)], [.. ActiveApplication, Paid(1)])
            .When(Disburse(2)).ThenRefused(ErrorCodes.TrancheMilestoneNotVerified);
        Spec.Given([.. FundWithReservation(), FundPaid(1)], [.. ActiveApplication, Paid(1), Reported(2)])
            .When(Disburse(2)).ThenRefused(ErrorCodes.TrancheMilestoneNotVerified);
    }

    [Fact]
    public void Tranches_are_paid_in_order() =>
        Spec.Given(FundWithReservation(), [.. ActiveApplication, Reported(2), Verified(2)])
            .When(Disburse(2)).ThenRefused(ErrorCodes.TrancheOutOfOrder);

    [Fact]
    public void Nothing_is_paid_before_the_offer_is_accepted() =>
        Spec.Given(FundWithReservation(), ApprovedApplication).When(Disburse(1)).ThenRefused(ErrorCodes.OfferNotAccepted);

    [Fact]
    public void A_tranche_is_paid_once_and_must_exist()
    {
        Spec.Given([.. FundWithReservation(), FundPaid(1)], [.. ActiveApplication, Paid(1)])
            .When(Disburse(1)).ThenRefused(ErrorCodes.TrancheAlreadyPaid);
        Spec.Given(FundWithReservation(), ActiveApplication).When(Disburse(4)).ThenRefused(ErrorCodes.TrancheNotFound);
    }

    [Fact]
    public void A_tranche_needs_the_cash_on_hand() =>
        Spec.Given(FundWithReservation(cash: "99999.99"), ActiveApplication).When(Disburse(1)).ThenRefused(ErrorCodes.FundInsufficientCash);

    [Fact]
    public void A_payment_needs_a_reference() =>
        Spec.Given(FundWithReservation(), ActiveApplication).When(Disburse(1) with { PaymentReference = "" })
            .ThenRefused(ErrorCodes.TextRequired);

    [Fact]
    public void A_closed_fund_still_pays_existing_approvals() =>
        Spec.Given([.. FundWithReservation(), new FundClosed(TheFund, "Closed", At)], ActiveApplication)
            .When(Disburse(1)).Then([Paid(1)], [FundPaid(1)]);

    [Fact]
    public void A_tranche_is_paid_only_when_co_investment_received_covers_the_matching_policy()
    {
        // UK Future Fund 1:1. Paying tranche 1 makes public money 100,000.00, so 100,000.00 of private
        // money must have ARRIVED. A commitment alone does not count.
        var uk = Policy(ReadyMadePolicies.UkFutureFund);
        Spec.Given(FundWithReservation(policy: uk), [.. ActiveApplication, CoCommitted("300000.00")])
            .When(Disburse(1)).ThenRefused(ErrorCodes.TrancheMatchingNotMet);
        Spec.Given(FundWithReservation(policy: uk), [.. ActiveApplication, CoCommitted("300000.00"), CoReceived("99999.99")])
            .When(Disburse(1)).ThenRefused(ErrorCodes.TrancheMatchingNotMet);
        Spec.Given(FundWithReservation(policy: uk), [.. ActiveApplication, CoCommitted("300000.00"), CoReceived("100000.00")])
            .When(Disburse(1)).Then([Paid(1)], [FundPaid(1)]);

        // Tranche 2 brings public money to 200,000.00: the 100,000.00 received so far is not enough.
        object[] afterFirst = [.. ActiveApplication, CoCommitted("300000.00"), CoReceived("100000.00"), Paid(1), Reported(2), Verified(2)];
        Spec.Given([.. FundWithReservation(policy: uk), FundPaid(1)], afterFirst)
            .When(Disburse(2)).ThenRefused(ErrorCodes.TrancheMatchingNotMet);
        Spec.Given([.. FundWithReservation(policy: uk), FundPaid(1)], [.. afterFirst, CoReceived("100000.00")])
            .When(Disburse(2)).Then([Paid(2)], [FundPaid(2)]);
    }

    [Fact]
    public void A_failed_payment_is_reversed_restoring_cash_and_reservation()
    {
        var reversed = new TrancheDisbursementReversed(TheApp, TheFund, 1, 1, Gbp("100000.00"), "Bank returned the transfer", At);
        var restored = new DisbursementReversed(TheFund, TheApp, 1, 1, Gbp("100000.00"), "Bank returned the transfer", At);
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
}

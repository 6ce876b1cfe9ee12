using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Funding;

/// <summary>Paying tranches: order, milestones, offer, cash and matching.</summary>
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
    public void A_payment_spends_only_cash_valued_by_its_own_date()
    {
        // 1,000,000.00 was called: 50,000.00 arrived today, 950,000.00 is announced for next week.
        var nextWeek = Today.PlusDays(7);
        object[] fund = [Opened(), Committed("2000000.00"), Called("1000000.00"), Received("50000.00"),
            Received("950000.00") with { ValueDate = nextWeek }, Reserved];
        var state = FundDecider.Fold(fund);
        state.CashOnHandMinor.ShouldBe(100_000_000);
        state.CashOnHandOnMinor(Today).ShouldBe(5_000_000);
        state.CashOnHandOnMinor(nextWeek).ShouldBe(100_000_000);

        // Tranche 1 is 100,000.00: not payable today on next week's money, payable valued next week.
        Spec.Given(fund, ActiveApplication).When(Disburse(1)).ThenRefused(ErrorCodes.FundInsufficientCash);
        Spec.Given(fund, ActiveApplication).When(new DisburseTranche(TheApp, 1, nextWeek, "PAY-1-1", At))
            .ThenSucceeds().FundEvents.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_tranche_is_never_valued_before_the_payment_of_the_one_before_it()
    {
        object[] application = [.. ActiveApplication, Paid(1) with { ValueDate = Today.PlusDays(5) }, Reported(2), Verified(2)];
        object[] fund = [.. FundWithReservation(), FundPaid(1) with { ValueDate = Today.PlusDays(5) }];
        Spec.Given(fund, application).When(new DisburseTranche(TheApp, 2, Today.PlusDays(4), "PAY-2-1", At))
            .ThenRefused(ErrorCodes.ValueDateTooEarly, "valueDate");
        Spec.Given(fund, application).When(new DisburseTranche(TheApp, 2, Today.PlusDays(5), "PAY-2-1", At)).ThenSucceeds().FundEvents.ShouldHaveSingleItem();
    }

    [Fact]
    public void Whether_a_payment_fits_does_not_depend_on_the_order_payments_were_recorded_in()
    {
        // 100,000.00 arrived today and 100,000.00 is announced for a month ahead. Another startup's 100,000.00 is
        // already scheduled for that day; this tranche of 100,000.00 valued today leaves the cash at 0.00 today and
        // 0.00 in a month: never short, so it is paid, as it would be had it been recorded first.
        var inAMonth = Today.PlusDays(30);
        var other = new ApplicationId("app-other");
        var hundred = Gbp("100000.00");
        object[] fund =
        [
            Opened(), Committed("2000000.00"),
            Called("100000.00"), Received("100000.00"),
            Called("100000.00", call: new CallId("call-2")), Received("100000.00", call: new CallId("call-2")) with { ValueDate = inAMonth },
            new FundsReserved(TheFund, other, hundred, [new ReservedTranche(1, 1, hundred)], At),
            Reserved,
            new FundsDisbursed(TheFund, other, 1, 1, hundred, inAMonth, "PAY-OTHER", At),
        ];
        FundDecider.Fold(fund).CashOnHandOnMinor(Today).ShouldBe(10_000_000);
        Spec.Given(fund, ActiveApplication).When(Disburse(1)).ThenSucceeds().FundEvents.ShouldHaveSingleItem();

        // A second 100,000.00 today would leave the month's payment short: refused, whichever was recorded first.
        object[] paidToday = [.. fund, FundPaid(1)];
        var state = FundDecider.Fold(paidToday);
        state.CashOnHandOnMinor(Today).ShouldBe(0);
        state.CashOnHandOnMinor(inAMonth).ShouldBe(0);
        state.CashOnHandOnMinor(Today.PlusDays(-1)).ShouldBe(0, "before today the 100,000.00 had not arrived either");
    }

    [Fact]
    public void Co_investment_announced_for_later_does_not_match_a_payment_valued_earlier()
    {
        var uk = Policy(ReadyMadePolicies.UkFutureFund);
        object[] announced = [.. ActiveApplication, CoCommitted("300000.00"), CoReceived("100000.00") with { ValueDate = Today.PlusDays(3) }];
        Spec.Given(FundWithReservation(policy: uk), announced).When(Disburse(1)).ThenRefused(ErrorCodes.TrancheMatchingNotMet);
        Spec.Given(FundWithReservation(policy: uk), announced).When(new DisburseTranche(TheApp, 1, Today.PlusDays(3), "PAY-1-1", At))
            .ThenSucceeds().ApplicationEvents.ShouldHaveSingleItem();
    }
}

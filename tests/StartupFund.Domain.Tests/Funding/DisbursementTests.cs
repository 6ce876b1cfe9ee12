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
}

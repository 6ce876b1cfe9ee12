using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Tests.Support;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests;

/// <summary>
/// Money is recorded when it moves: a value date up to 31 days ahead (a forward-dated transfer), never further, and never
/// before the fact that let it move (the call, the approval, the application).
/// </summary>
public sealed class ValueDateTests
{
    private static readonly NodaTime.LocalDate LastAllowed = Today.PlusDays(ValueDates.MaxDaysAhead);

    [Fact]
    public void A_capital_receipt_may_be_forward_dated_by_a_month_at_most()
    {
        object[] called = [Opened(), Committed("500000.00"), Called("500000.00")];
        Spec.GivenFund(called).When(new ReceiveCapital(TheFund, Call1, Gbp("1.00"), LastAllowed, At)).Then(Received("1.00") with { ValueDate = LastAllowed });
        Spec.GivenFund(called).When(new ReceiveCapital(TheFund, Call1, Gbp("1.00"), LastAllowed.PlusDays(1), At)).ThenRefused(ErrorCodes.ValueDateTooFarAhead);
        Spec.GivenFund(called).When(new ReceiveCapital(TheFund, Call1, Gbp("1.00"), new NodaTime.LocalDate(2062, 3, 2), At)).ThenRefused(ErrorCodes.ValueDateTooFarAhead);
    }

    [Fact]
    public void A_payment_is_refused_a_value_date_beyond_a_month_ahead() =>
        Spec.Given(FundWithReservation(), ActiveApplication)
            .When(new DisburseTranche(TheApp, 1, LastAllowed.PlusDays(1), "PAY-1", At))
            .ThenRefused(ErrorCodes.ValueDateTooFarAhead);

    [Fact]
    public void A_co_investment_receipt_is_refused_a_value_date_beyond_a_month_ahead_even_with_its_commitment()
    {
        Spec.GivenApplication([.. ActiveApplication, CoCommitted("10.00")])
            .When(new ReceiveCoInvestment(TheApp, Angel, Gbp("10.00"), LastAllowed.PlusDays(1), At))
            .ThenRefused(ErrorCodes.ValueDateTooFarAhead);
        Spec.GivenApplication(ActiveApplication)
            .When(new CommitCoInvestment(TheApp, Angel, "Angel Syndicate", Gbp("10.00"), At, ReceivedOn: LastAllowed.PlusDays(1)))
            .ThenRefused(ErrorCodes.ValueDateTooFarAhead);
    }

    [Fact]
    public void A_capital_receipt_may_be_dated_back_to_its_call_not_before()
    {
        var calledYesterday = Called("500000.00") with { CalledAt = At - NodaTime.Duration.FromDays(1) };
        object[] called = [Opened(), Committed("500000.00"), calledYesterday];
        var callDay = Today.PlusDays(-1);
        Spec.GivenFund(called).When(new ReceiveCapital(TheFund, Call1, Gbp("1.00"), callDay, At)).Then(Received("1.00") with { ValueDate = callDay });
        Spec.GivenFund(called).When(new ReceiveCapital(TheFund, Call1, Gbp("1.00"), callDay.PlusDays(-1), At))
            .ThenRefused(ErrorCodes.ValueDateTooEarly, "valueDate");
        Spec.GivenFund(called).When(new ReceiveCapital(TheFund, Call1, Gbp("1.00"), new NodaTime.LocalDate(1999, 3, 2), At))
            .ThenRefused(ErrorCodes.ValueDateTooEarly, "valueDate");
    }

    [Fact]
    public void A_payment_is_dated_no_earlier_than_the_approval()
    {
        Spec.Given(FundWithReservation(), ActiveApplication)
            .When(new DisburseTranche(TheApp, 1, Today, "PAY-1", At))
            .ThenSucceeds().ApplicationEvents.ShouldHaveSingleItem();
        Spec.Given(FundWithReservation(), ActiveApplication)
            .When(new DisburseTranche(TheApp, 1, Today.PlusDays(-1), "PAY-1", At))
            .ThenRefused(ErrorCodes.ValueDateTooEarly, "valueDate");
    }

    [Fact]
    public void A_co_investment_may_have_arrived_before_the_approval_but_not_before_the_application()
    {
        // Submitted on 2026-02-20, approved on 2026-03-02: money from the round the startup closed meanwhile counts.
        var submittedEarlier = Submitted() with { SubmittedAt = At - NodaTime.Duration.FromDays(10) };
        object[] active = [submittedEarlier, .. ActiveApplication.Skip(1)];
        var submissionDay = Today.PlusDays(-10);
        Spec.GivenApplication([.. active, CoCommitted("10.00")])
            .When(new ReceiveCoInvestment(TheApp, Angel, Gbp("10.00"), submissionDay, At))
            .Then(CoReceived("10.00") with { ValueDate = submissionDay });
        Spec.GivenApplication([.. active, CoCommitted("10.00")])
            .When(new ReceiveCoInvestment(TheApp, Angel, Gbp("10.00"), submissionDay.PlusDays(-1), At))
            .ThenRefused(ErrorCodes.ValueDateTooEarly, "valueDate");
        Spec.GivenApplication(active)
            .When(new CommitCoInvestment(TheApp, Angel, "Angel Syndicate", Gbp("10.00"), At, ReceivedOn: submissionDay.PlusDays(-1)))
            .ThenRefused(ErrorCodes.ValueDateTooEarly, "valueDate");
    }
}

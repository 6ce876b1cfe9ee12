using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Values;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Funding;

public class AmendmentTests
{
    private static Spec.FundingSpec Pending => Spec.Given([Opened()], [Submitted()]);

    [Fact]
    public void Amending_replaces_the_given_terms_and_keeps_the_rest() =>
        Pending.When(new AmendApplication(TheApp, null, Stage.SeriesA, null, Gbp("250000.00"), null, At))
            .Then([new ApplicationAmended(TheApp, "Machine learning", Stage.SeriesA, Instrument.Equity, Gbp("250000.00"), "Speech models for clinics.", At)], []);

    [Fact]
    public void An_amendment_that_changes_nothing_is_refused_and_leaves_no_event() =>
        Pending.When(new AmendApplication(TheApp, "Machine learning", Stage.Seed, null, Gbp("300000.0"), null, At))
            .ThenRefused(ErrorCodes.ApplicationAmendmentEmpty);

    [Fact]
    public void Amending_in_another_currency_is_refused() =>
        Pending.When(new AmendApplication(TheApp, null, null, null, Money.Parse("1.00", "EUR"), null, At))
            .ThenRefused(ErrorCodes.MoneyCurrencyMismatch);

    [Fact]
    public void An_amendment_that_names_nothing_to_change_is_refused() =>
        Pending.When(new AmendApplication(TheApp, null, null, null, null, null, At))
            .ThenRefused(ErrorCodes.ApplicationAmendmentEmpty);

    [Fact]
    public void Amending_with_an_undefined_stage_is_refused() =>
        Pending.When(new AmendApplication(TheApp, null, (Stage)99, null, null, null, At))
            .ThenRefused(ErrorCodes.EnumInvalid);

    [Fact]
    public void A_request_lowered_below_the_fund_s_minimum_ticket_is_refused_as_it_could_never_be_approved()
    {
        // The fixture fund's tickets run from 10,000.00 to 1,000,000.00.
        Pending.When(new AmendApplication(TheApp, null, null, null, Gbp("9999.99"), null, At))
            .ThenRefused(ErrorCodes.ApplicationBelowTicketMinimum, "requested");
        Pending.When(new AmendApplication(TheApp, null, null, null, Gbp("10000.00"), null, At)).ThenSucceeds().ApplicationEvents.Count.ShouldBe(1);
    }

    [Fact]
    public void An_amendment_after_scoring_withdraws_the_scores_and_the_reviewers_score_again()
    {
        object[] scored = [Submitted(), Started, Scored(), Scored(new ReviewerId("reviewer-2"), 3)];

        Spec.Given([Opened()], scored).When(new AmendApplication(TheApp, null, null, null, Gbp("900000.00"), null, At)).Then(
            [new ApplicationAmended(TheApp, "Machine learning", Stage.Seed, Instrument.Equity, Gbp("900000.00"), "Speech models for clinics.", At),
             new ScoresWithdrawn(TheApp, 2, At)],
            []);

        var afterwards = ApplicationDecider.Fold([.. scored, new ScoresWithdrawn(TheApp, 2, At)]);
        afterwards.Scores.ShouldBeEmpty();
        Spec.GivenApplication([.. scored, new ScoresWithdrawn(TheApp, 2, At)]).When(new ScoreApplication(TheApp, Reviewer1, 2, null, At))
            .ThenSucceeds().ShouldHaveSingleItem();
    }

    [Fact]
    public void An_amendment_before_any_score_withdraws_nothing() =>
        Pending.When(new AmendApplication(TheApp, null, null, null, Gbp("900000.00"), null, At)).ThenSucceeds().ApplicationEvents.ShouldHaveSingleItem();

    [Fact]
    public void A_request_above_the_maximum_ticket_may_stand_as_the_fund_may_approve_less() =>
        Pending.When(new AmendApplication(TheApp, null, null, null, Gbp("2000000.00"), null, At)).ThenSucceeds().ApplicationEvents.Count.ShouldBe(1);
}

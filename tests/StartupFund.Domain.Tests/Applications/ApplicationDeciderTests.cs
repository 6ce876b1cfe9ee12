using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Values;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Applications;

public class ApplicationDeciderTests
{
    private static readonly ApplicationRejected Rejected = new(TheApp, "not_eligible", "Outside the programme's sectors.", At);

    [Fact]
    public void Commands_on_an_application_never_submitted_are_refused() =>
        Spec.GivenApplication().When(new StartReview(TheApp, At)).ThenRefused(ErrorCodes.ApplicationNotFound);

    [Fact]
    public void A_command_for_another_application_is_refused() =>
        Spec.GivenApplication(Submitted()).When(new StartReview(new ApplicationId("other"), At)).ThenRefused(ErrorCodes.ApplicationMismatch);

    [Theory]
    [MemberData(nameof(DecidedHistories))]
    public void Amend_withdraw_and_reject_are_refused_after_a_decision(object[] history)
    {
        Spec.Given([Opened()], history).When(new AmendApplication(TheApp, "AI", null, null, null, null, At))
            .ThenRefused(ErrorCodes.ApplicationNotPending);
        Spec.GivenApplication(history).When(new WithdrawApplication(TheApp, "Changed our mind", At))
            .ThenRefused(ErrorCodes.ApplicationNotPending);
        Spec.GivenApplication(history).When(new RejectApplication(TheApp, "late", "Too late", At))
            .ThenRefused(ErrorCodes.ApplicationNotPending);
    }

    public static TheoryData<object[]> DecidedHistories()
    {
        var histories = new TheoryData<object[]>();
        histories.Add([.. UnderReview, Rejected]);
        histories.Add([Submitted(), new ApplicationWithdrawn(TheApp, "", At)]);
        histories.Add(ApprovedApplication);
        histories.Add(ActiveApplication);
        return histories;
    }

    [Fact]
    public void The_startup_withdraws_before_a_decision() =>
        Spec.GivenApplication(UnderReview)
            .When(new WithdrawApplication(TheApp, "Raised elsewhere", At))
            .Then(new ApplicationWithdrawn(TheApp, "Raised elsewhere", At));

    [Fact]
    public void A_review_starts_once_on_a_submitted_application()
    {
        Spec.GivenApplication(Submitted()).When(new StartReview(TheApp, At)).Then(new ReviewStarted(TheApp, At));
        Spec.GivenApplication(Submitted(), Started).When(new StartReview(TheApp, At))
            .ThenRefused(ErrorCodes.ApplicationReviewAlreadyStarted);
        Spec.GivenApplication(Submitted(), new ApplicationWithdrawn(TheApp, "", At)).When(new StartReview(TheApp, At))
            .ThenRefused(ErrorCodes.ApplicationNotPending);
    }

    [Fact]
    public void Information_is_requested_during_review_and_provided_after_a_request()
    {
        Spec.GivenApplication(Submitted(), Started)
            .When(new RequestInformation(TheApp, "Send the cap table.", At))
            .Then(new InformationRequested(TheApp, "Send the cap table.", At));
        Spec.GivenApplication(Submitted())
            .When(new RequestInformation(TheApp, "Send the cap table.", At))
            .ThenRefused(ErrorCodes.ApplicationNotUnderReview);
        Spec.GivenApplication(Submitted(), Started, new InformationRequested(TheApp, "Cap table?", At))
            .When(new ProvideInformation(TheApp, "Attached.", At))
            .Then(new InformationProvided(TheApp, "Attached.", At));
        Spec.GivenApplication(Submitted(), Started)
            .When(new ProvideInformation(TheApp, "Attached.", At))
            .ThenRefused(ErrorCodes.ApplicationNoInformationRequested);
    }

    [Fact]
    public void A_reviewer_scores_once_from_1_to_5_during_review()
    {
        var second = new ReviewerId("reviewer-2");
        Spec.GivenApplication(UnderReview)
            .When(new ScoreApplication(TheApp, second, 5, "Excellent", At))
            .Then(new ApplicationScored(TheApp, second, 5, "Excellent", At));
        Spec.GivenApplication(UnderReview)
            .When(new ScoreApplication(TheApp, Reviewer1, 3, null, At))
            .ThenRefused(ErrorCodes.ScoreAlreadyGiven);
        Spec.GivenApplication(UnderReview)
            .When(new ScoreApplication(TheApp, second, 6, null, At))
            .ThenRefused(ErrorCodes.ScoreOutOfRange);
        Spec.GivenApplication(UnderReview)
            .When(new ScoreApplication(TheApp, second, 0, null, At))
            .ThenRefused(ErrorCodes.ScoreOutOfRange);
        Spec.GivenApplication(Submitted())
            .When(new ScoreApplication(TheApp, second, 4, null, At))
            .ThenRefused(ErrorCodes.ApplicationNotUnderReview);
    }

    [Fact]
    public void An_application_has_at_most_32_scores()
    {
        var history = new List<object> { Submitted(), Started };
        for (var index = 0; index < Limits.ReviewerScoresPerApplicationMax; index++)
        {
            history.Add(Scored(new ReviewerId($"reviewer-{index}")));
        }

        Spec.GivenApplication([.. history])
            .When(new ScoreApplication(TheApp, new ReviewerId("one-too-many"), 4, null, At))
            .ThenRefused(ErrorCodes.ScoreTooMany);
    }

    [Fact]
    public void A_manager_rejects_with_a_reason_code_and_text()
    {
        Spec.GivenApplication(UnderReview)
            .When(new RejectApplication(TheApp, "not_eligible", "Outside the programme's sectors.", At))
            .Then(Rejected);
        Spec.GivenApplication(UnderReview)
            .When(new RejectApplication(TheApp, "not a code!", "Outside the programme's sectors.", At))
            .ThenRefused(ErrorCodes.IdInvalid);
    }

    [Fact]
    public void The_startup_accepts_an_open_offer_once()
    {
        Spec.GivenApplication(ApprovedApplication).When(new AcceptOffer(TheApp, At)).Then(Accepted);
        Spec.GivenApplication(ActiveApplication).When(new AcceptOffer(TheApp, At)).ThenRefused(ErrorCodes.ApplicationNoOpenOffer);
        Spec.GivenApplication(UnderReview).When(new AcceptOffer(TheApp, At)).ThenRefused(ErrorCodes.ApplicationNoOpenOffer);
    }

    [Fact]
    public void Co_investment_is_committed_on_an_approved_or_active_application()
    {
        Spec.GivenApplication(ApprovedApplication)
            .When(new CommitCoInvestment(TheApp, Angel, "Angel Syndicate", Gbp("150000.00"), At))
            .Then(CoCommitted("150000.00"));
        Spec.GivenApplication(ActiveApplication)
            .When(new CommitCoInvestment(TheApp, Angel, "Angel Syndicate", Gbp("150000.00"), At))
            .Then(CoCommitted("150000.00"));
        Spec.GivenApplication(UnderReview)
            .When(new CommitCoInvestment(TheApp, Angel, "Angel Syndicate", Gbp("150000.00"), At))
            .ThenRefused(ErrorCodes.ApplicationNotFunding);
    }

    [Fact]
    public void Money_that_has_already_arrived_is_committed_and_received_in_one_decision()
    {
        Spec.GivenApplication(ActiveApplication)
            .When(new CommitCoInvestment(TheApp, Angel, "Angel Syndicate", Gbp("150000.00"), At, ReceivedOn: Today))
            .Then(CoCommitted("150000.00"), new CoInvestmentReceived(TheApp, TheFund, Angel, Gbp("150000.00"), Today, At));
        // Refused as a whole: no commitment without its receipt, nor the other way round.
        Spec.GivenApplication(UnderReview)
            .When(new CommitCoInvestment(TheApp, Angel, "Angel Syndicate", Gbp("150000.00"), At, ReceivedOn: Today))
            .ThenRefused(ErrorCodes.ApplicationNotFunding);
    }

    [Fact]
    public void An_application_has_at_most_64_co_investors()
    {
        var history = new List<object>(ActiveApplication);
        for (var index = 0; index < Limits.CoInvestorsPerApplicationMax; index++)
        {
            history.Add(new CoInvestmentCommitted(TheApp, TheFund, new InvestorId($"investor-{index}"), "Investor", Gbp("1.00"), At));
        }

        Spec.GivenApplication([.. history])
            .When(new CommitCoInvestment(TheApp, new InvestorId("one-too-many"), "Late", Gbp("1.00"), At))
            .ThenRefused(ErrorCodes.CoInvestmentTooManyInvestors);
    }

    [Fact]
    public void Co_investment_is_received_up_to_the_investor_commitment()
    {
        Spec.GivenApplication([.. ActiveApplication, CoCommitted("150000.00"), CoReceived("100000.00")])
            .When(new ReceiveCoInvestment(TheApp, Angel, Gbp("50000.00"), Today, At))
            .Then(new CoInvestmentReceived(TheApp, TheFund, Angel, Gbp("50000.00"), Today, At));
        Spec.GivenApplication([.. ActiveApplication, CoCommitted("150000.00"), CoReceived("100000.00")])
            .When(new ReceiveCoInvestment(TheApp, Angel, Gbp("50000.01"), Today, At))
            .ThenRefused(ErrorCodes.CoInvestmentExceedsCommitment);
        Spec.GivenApplication(ActiveApplication)
            .When(new ReceiveCoInvestment(TheApp, Angel, Gbp("1.00"), Today, At))
            .ThenRefused(ErrorCodes.CoInvestmentUnknownInvestor);
        Spec.GivenApplication([.. UnderReview])
            .When(new ReceiveCoInvestment(TheApp, Angel, Gbp("1.00"), Today, At))
            .ThenRefused(ErrorCodes.ApplicationNotFunding);
    }

    [Fact]
    public void The_startup_reports_a_milestone_of_an_unpaid_tranche_after_accepting()
    {
        Spec.GivenApplication(ActiveApplication).When(new ReportMilestone(TheApp, 2, "Evidence attached.", At)).Then(Reported(2));
        Spec.GivenApplication(ApprovedApplication).When(new ReportMilestone(TheApp, 2, "Evidence", At))
            .ThenRefused(ErrorCodes.OfferNotAccepted);
        Spec.GivenApplication(ActiveApplication).When(new ReportMilestone(TheApp, 4, "Evidence", At))
            .ThenRefused(ErrorCodes.TrancheNotFound);
        Spec.GivenApplication([.. ActiveApplication, Paid(1)]).When(new ReportMilestone(TheApp, 1, "Evidence", At))
            .ThenRefused(ErrorCodes.TrancheAlreadyPaid);
        Spec.GivenApplication([.. ActiveApplication, Reported(2), Verified(2)]).When(new ReportMilestone(TheApp, 2, "Evidence", At))
            .ThenRefused(ErrorCodes.MilestoneAlreadyVerified);
        Spec.GivenApplication([.. UnderReview]).When(new ReportMilestone(TheApp, 2, "Evidence", At))
            .ThenRefused(ErrorCodes.ApplicationNotFunding);
    }

    [Fact]
    public void A_manager_verifies_a_reported_milestone_once()
    {
        Spec.GivenApplication([.. ActiveApplication, Reported(2)]).When(new VerifyMilestone(TheApp, 2, "Checked.", At)).Then(Verified(2));
        Spec.GivenApplication(ActiveApplication).When(new VerifyMilestone(TheApp, 2, null, At))
            .ThenRefused(ErrorCodes.MilestoneNotReported);
        Spec.GivenApplication([.. ActiveApplication, Reported(2), Verified(2)]).When(new VerifyMilestone(TheApp, 2, null, At))
            .ThenRefused(ErrorCodes.MilestoneAlreadyVerified);
    }

    [Fact]
    public void Nothing_but_the_listed_commands_touch_a_withdrawn_rejected_or_fully_paid_application()
    {
        object[][] closed =
        [
            [Submitted(), new ApplicationWithdrawn(TheApp, "", At)],
            [.. UnderReview, Rejected],
        ];
        foreach (var history in closed)
        {
            Spec.GivenApplication(history).When(new AcceptOffer(TheApp, At)).ThenRefused(ErrorCodes.ApplicationNoOpenOffer);
            Spec.GivenApplication(history).When(new CommitCoInvestment(TheApp, Angel, "A", Gbp("1.00"), At))
                .ThenRefused(ErrorCodes.ApplicationNotFunding);
            Spec.GivenApplication(history).When(new ScoreApplication(TheApp, new ReviewerId("late"), 3, null, At))
                .ThenRefused(ErrorCodes.ApplicationNotUnderReview);
        }

        object[] fullyPaid = [.. ActiveApplication, Paid(1), Reported(2), Verified(2), Paid(2), Reported(3), Verified(3), Paid(3)];
        ApplicationDecider.Fold(fullyPaid).Status.ShouldBe(ApplicationStatus.FullyPaid);
        Spec.GivenApplication(fullyPaid).When(new ReportMilestone(TheApp, 3, "Again", At)).ThenRefused(ErrorCodes.ApplicationNotFunding);
        Spec.GivenApplication(fullyPaid).When(new CommitCoInvestment(TheApp, Angel, "A", Gbp("1.00"), At))
            .ThenRefused(ErrorCodes.ApplicationNotFunding);

        // Money committed earlier may still arrive after the last tranche, and is received as promised.
        object[] owed = [.. ActiveApplication, CoCommitted("300000.00"), CoReceived("100000.00"), Paid(1), Reported(2), Verified(2), Paid(2), Reported(3), Verified(3), Paid(3)];
        Spec.GivenApplication(owed).When(new ReceiveCoInvestment(TheApp, Angel, Gbp("200000.00"), Today, At))
            .Then(new CoInvestmentReceived(TheApp, TheFund, Angel, Gbp("200000.00"), Today, At));
    }
}

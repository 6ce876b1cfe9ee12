using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Funding;

public class SubmissionAndApprovalTests
{
    private static readonly FundClosed Closed = new(TheFund, "Investment period over", At);

    private static SubmitApplication Submit(string requested = "300000.00", StartupProfile? startup = null, FundId? fund = null) =>
        new(TheApp, fund ?? TheFund, startup ?? Startup, "Machine learning", Stage.Seed, Instrument.Equity, Gbp(requested),
            "Speech models for clinics.", At);

    private static ApproveApplication Approve(string amount = "300000.00", TrancheTerms[]? tranches = null) =>
        new(TheApp, Gbp(amount), tranches ?? ThreeTrancheTerms, At);

    [Fact]
    public void A_startup_submits_to_an_open_fund_of_its_country_in_its_currency() =>
        Spec.Given([Opened()], []).When(Submit()).Then([Submitted()], []);

    [Fact]
    public void Submission_refusals()
    {
        Spec.Given([Opened()], [Submitted()]).When(Submit()).ThenRefused(ErrorCodes.ApplicationAlreadySubmitted);
        Spec.Given([], []).When(Submit()).ThenRefused(ErrorCodes.FundNotFound);
        Spec.Given([Opened(), Closed], []).When(Submit()).ThenRefused(ErrorCodes.FundClosed);
        Spec.Given([Opened()], []).When(Submit(startup: Startup with { Country = new CountryCode("FR") }))
            .ThenRefused(ErrorCodes.ApplicationCountryMismatch);
        Spec.Given([Opened()], []).When(Submit() with { Requested = Money.Parse("300000.00", "EUR") })
            .ThenRefused(ErrorCodes.MoneyCurrencyMismatch);
        Spec.Given([Opened()], []).When(Submit("0.00")).ThenRefused(ErrorCodes.MoneyNotPositive);
        Spec.Given([Opened()], []).When(Submit("9999.99")).ThenRefused(ErrorCodes.ApplicationBelowTicketMinimum, "requested");
        Spec.Given([Opened()], []).When(Submit() with { Summary = new string('x', Limits.TextMaxLength + 1) })
            .ThenRefused(ErrorCodes.TextTooLong);
        Spec.Given([Opened()], []).When(Submit(startup: Startup with { Name = "" })).ThenRefused(ErrorCodes.TextRequired);
        Spec.Given([Opened()], []).When(Submit() with { Instrument = (Instrument)7 }).ThenRefused(ErrorCodes.EnumInvalid);
    }

    [Fact]
    public void Approval_reserves_the_approved_amount_in_the_fund_tranche_by_tranche() =>
        Spec.Given(FundWithCash(), UnderReview).When(Approve()).Then([Approved], [Reserved]);

    [Fact]
    public void Approval_needs_a_reviewed_pending_application()
    {
        Spec.Given(FundWithCash(), [Submitted()]).When(Approve()).ThenRefused(ErrorCodes.ApplicationNotUnderReview);
        Spec.Given(FundWithCash(), [.. UnderReview, new InformationRequested(TheApp, "?", At)]).When(Approve())
            .ThenRefused(ErrorCodes.ApplicationNotUnderReview);
        Spec.Given(FundWithReservation(), ApprovedApplication).When(Approve()).ThenRefused(ErrorCodes.ApplicationNotPending);
        Spec.Given(FundWithCash(), []).When(Approve()).ThenRefused(ErrorCodes.ApplicationNotFound);
    }

    [Fact]
    public void Approval_needs_the_policy_minimum_of_reviewer_scores() =>
        Spec.Given(FundWithCash(policy: Policy(minimumScores: 2)), UnderReview).When(Approve())
            .ThenRefused(ErrorCodes.ApprovalInsufficientScores);

    [Fact]
    public void What_the_approval_itself_gets_wrong_is_named_before_what_the_state_refuses() =>
        Spec.Given(FundWithCash(policy: Policy(minimumScores: 2)), UnderReview)
            .When(Approve(tranches: [new TrancheTerms(Gbp("200000.00"), "A", Today), new TrancheTerms(Gbp("99999.99"), "B", Today)]))
            .ThenRefused(ErrorCodes.TrancheScheduleSumMismatch);

    [Fact]
    public void A_closed_fund_approves_nothing() =>
        Spec.Given([.. FundWithCash(), Closed], UnderReview).When(Approve()).ThenRefused(ErrorCodes.FundClosed);

    [Fact]
    public void The_approved_amount_is_at_most_the_request_and_within_ticket_limits()
    {
        Spec.Given(FundWithCash(), UnderReview).When(Approve("300000.01", [new TrancheTerms(Gbp("300000.01"), "All", Today)]))
            .ThenRefused(ErrorCodes.ApprovalExceedsRequested);
        Spec.Given(FundWithCash(), UnderReview)
            .When(Approve("9999.99", [new TrancheTerms(Gbp("9999.99"), "All", Today)]))
            .ThenRefused(ErrorCodes.ApprovalBelowTicketMinimum);
        Spec.Given(FundWithCash(), [Submitted("2000000.00"), Started, Scored()])
            .When(Approve("1000000.01", [new TrancheTerms(Gbp("1000000.01"), "All", Today)]))
            .ThenRefused(ErrorCodes.ApprovalAboveTicketMaximum);
        Spec.Given(FundWithCash(), UnderReview).When(Approve() with { Amount = Money.Parse("300000.00", "EUR") })
            .ThenRefused(ErrorCodes.MoneyCurrencyMismatch, "amount.currency");
    }

    [Fact]
    public void The_approved_amount_respects_the_matching_policy_public_cap()
    {
        var capped = Policy(ReadyMadePolicies.SingaporeStartupSgEquity(firstCapMinor: 5_000_000, secondCapMinor: 20_000_000));
        Spec.Given(FundWithCash(policy: capped), UnderReview).When(Approve())
            .ThenRefused(ErrorCodes.MatchingPublicCapExceeded);
    }

    [Fact]
    public void The_tranche_schedule_is_one_to_twelve_positive_tranches_in_date_order_summing_to_the_amount()
    {
        Spec.Given(FundWithCash(), UnderReview).When(Approve(tranches: [])).ThenRefused(ErrorCodes.TrancheScheduleEmpty);
        var thirteen = Enumerable.Range(0, 13).Select(_ => new TrancheTerms(Gbp("10000.00"), "Step", Today)).ToArray();
        Spec.Given(FundWithCash(), UnderReview).When(Approve("130000.00", thirteen)).ThenRefused(ErrorCodes.TrancheScheduleTooLong);
        Spec.Given(FundWithCash(), UnderReview)
            .When(Approve(tranches: [new TrancheTerms(Gbp("300000.00"), "All", Today), new TrancheTerms(Gbp("0.00"), "None", Today)]))
            .ThenRefused(ErrorCodes.MoneyNotPositive);
        Spec.Given(FundWithCash(), UnderReview)
            .When(Approve(tranches: [new TrancheTerms(Gbp("200000.00"), "A", Today), new TrancheTerms(Gbp("99999.99"), "B", Today)]))
            .ThenRefused(ErrorCodes.TrancheScheduleSumMismatch, "tranches");
        Spec.Given(FundWithCash(), UnderReview)
            .When(Approve(tranches: [new TrancheTerms(Gbp("150000.00"), "A", Today.PlusDays(2)), new TrancheTerms(Gbp("150000.00"), "B", Today.PlusDays(1))]))
            .ThenRefused(ErrorCodes.TrancheDueDatesOutOfOrder, "tranches[1].dueDate");
        Spec.Given(FundWithCash(), UnderReview)
            .When(Approve(tranches: [new TrancheTerms(Gbp("150000.00"), "A", Today.PlusDays(-1)), new TrancheTerms(Gbp("150000.00"), "B", Today)]))
            .ThenRefused(ErrorCodes.TrancheDueDatePast, "tranches[0].dueDate");
        Spec.Given(FundWithCash(), UnderReview)
            .When(Approve(tranches: [new TrancheTerms(Gbp("150000.00"), "A", Today), new TrancheTerms(Gbp("150000.00"), "B", Today)]))
            .ThenSucceeds().ApplicationEvents.ShouldHaveSingleItem();
        var lastAllowed = Today.PlusYears(Limits.TrancheDueYearsMax);
        Spec.Given(FundWithCash(), UnderReview)
            .When(Approve(tranches: [new TrancheTerms(Gbp("150000.00"), "A", Today), new TrancheTerms(Gbp("150000.00"), "B", lastAllowed)]))
            .ThenSucceeds().ApplicationEvents.ShouldHaveSingleItem();
        Spec.Given(FundWithCash(), UnderReview)
            .When(Approve(tranches: [new TrancheTerms(Gbp("150000.00"), "A", Today), new TrancheTerms(Gbp("150000.00"), "B", lastAllowed.PlusDays(1))]))
            .ThenRefused(ErrorCodes.TrancheDueDateTooFar, "tranches[1].dueDate");
        Spec.Given(FundWithCash(), UnderReview)
            .When(Approve(tranches: [new TrancheTerms(Gbp("300000.00"), " ", Today)]))
            .ThenRefused(ErrorCodes.TextRequired);
        Spec.Given(FundWithCash(), UnderReview)
            .When(Approve(tranches: [new TrancheTerms(Gbp("300000.00"), "A", Today), new TrancheTerms(Money.Parse("1.00", "EUR"), "B", Today)]))
            .ThenRefused(ErrorCodes.MoneyCurrencyMismatch, "tranches[1].amount.currency");
    }

    [Fact]
    public void Approval_fails_when_available_to_commit_would_go_below_zero()
    {
        // Committed 2,000,000; another application holds 1,800,000: 200,000 is left for a 300,000 approval.
        var other = new FundsReserved(TheFund, new ApplicationId("app-other"), Gbp("1800000.00"), [new ReservedTranche(1, 1, Gbp("1800000.00"))], At);
        Spec.Given([.. FundWithCash(), other], UnderReview).When(Approve()).ThenRefused(ErrorCodes.FundInsufficientAvailable);

        var exactlyEnough = other with { Amount = Gbp("1700000.00"), Tranches = [new ReservedTranche(1, 1, Gbp("1700000.00"))] };
        Spec.Given([.. FundWithCash(), exactlyEnough], UnderReview).When(Approve()).Then([Approved], [Reserved]);
    }

    [Fact]
    public void Approval_is_measured_against_commitments_not_cash() =>
        Spec.Given([Opened(), Committed("2000000.00")], UnderReview).When(Approve()).Then([Approved], [Reserved]);

    [Fact]
    public void An_application_of_another_fund_is_refused() =>
        Spec.Given([.. FundWithCash()], [Submitted() with { FundId = new FundId("fund-other") }, Started, Scored()])
            .When(Approve())
            .ThenRefused(ErrorCodes.FundMismatch);
}

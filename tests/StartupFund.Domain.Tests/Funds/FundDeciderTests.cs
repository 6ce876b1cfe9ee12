using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;
using static StartupFund.Domain.Tests.Support.Fixtures;

namespace StartupFund.Domain.Tests.Funds;

public class FundDeciderTests
{
    private static readonly SponsorId Partner = new("tech-partner");

    [Fact]
    public void Opening_a_fund_records_its_country_currency_and_policy()
    {
        var policy = Policy();
        Spec.GivenFund()
            .When(new OpenFund(TheFund, Gb, "  UK AI Seed Fund ", Currency.Gbp, policy, At))
            .Then(new FundOpened(TheFund, Gb, "UK AI Seed Fund", Currency.Gbp, policy, At));
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("XTS")]
    [InlineData("XAU")]
    [InlineData("CLF")]
    [InlineData("USN")]
    public void A_fund_is_opened_in_money_not_in_a_unit_of_account(string code)
    {
        var currency = new Currency(code);
        var policy = new FundPolicy(new Money(1, currency), new Money(2, currency), ReadyMadePolicies.NoMatching, 0);
        Spec.GivenFund().When(new OpenFund(TheFund, new CountryCode("DE"), "Fund", currency, policy, At))
            .ThenRefused(ErrorCodes.CurrencyNotLegalTender, "currency");
    }

    [Fact]
    public void A_fund_opens_only_once() =>
        Spec.GivenFund(Opened())
            .When(new OpenFund(TheFund, Gb, "Again", Currency.Gbp, Policy(), At))
            .ThenRefused(ErrorCodes.FundAlreadyOpened);

    [Fact]
    public void A_policy_in_another_currency_is_refused() =>
        Spec.GivenFund()
            .When(new OpenFund(TheFund, Gb, "UK AI Seed Fund", Currency.Eur, Policy(), At))
            .ThenRefused(ErrorCodes.MoneyCurrencyMismatch);

    [Fact]
    public void A_minimum_ticket_above_the_maximum_is_refused() =>
        Spec.GivenFund()
            .When(new OpenFund(TheFund, Gb, "Fund", Currency.Gbp, Policy() with { TicketMin = Gbp("2000000.00") }, At))
            .ThenRefused(ErrorCodes.FundPolicyInvalid);

    [Fact]
    public void Too_many_required_scores_is_refused() =>
        Spec.GivenFund()
            .When(new OpenFund(TheFund, Gb, "Fund", Currency.Gbp, Policy(minimumScores: Limits.MinimumReviewerScoresMax + 1), At))
            .ThenRefused(ErrorCodes.FundPolicyInvalid);

    [Fact]
    public void Matching_bands_must_have_increasing_caps_and_only_the_last_uncapped()
    {
        var decreasing = new MatchingPolicy([new MatchingBand(500, 1, 1), new MatchingBand(400, 1, 1)], null);
        Spec.GivenFund().When(new OpenFund(TheFund, Gb, "Fund", Currency.Gbp, Policy(decreasing), At))
            .ThenRefused(ErrorCodes.MatchingPolicyInvalid);
        var uncappedFirst = new MatchingPolicy([new MatchingBand(null, 1, 1), new MatchingBand(400, 1, 1)], null);
        Spec.GivenFund().When(new OpenFund(TheFund, Gb, "Fund", Currency.Gbp, Policy(uncappedFirst), At))
            .ThenRefused(ErrorCodes.MatchingPolicyInvalid);
        var badShare = new MatchingPolicy([], new Ratio(3, 2));
        Spec.GivenFund().When(new OpenFund(TheFund, Gb, "Fund", Currency.Gbp, Policy(badShare), At))
            .ThenRefused(ErrorCodes.MatchingPolicyInvalid);
        var zeroPublicParts = new MatchingPolicy([new MatchingBand(null, 0, 1)], null);
        Spec.GivenFund().When(new OpenFund(TheFund, Gb, "Fund", Currency.Gbp, Policy(zeroPublicParts), At))
            .ThenRefused(ErrorCodes.MatchingPolicyInvalid);
    }

    [Fact]
    public void Commands_before_opening_are_refused() =>
        Spec.GivenFund()
            .When(new CommitCapital(TheFund, Treasury, "HM Treasury", SponsorKind.Government, Gbp("1.00"), At))
            .ThenRefused(ErrorCodes.FundNotFound);

    [Fact]
    public void A_command_for_another_fund_is_refused() =>
        Spec.GivenFund(Opened())
            .When(new CloseFund(new FundId("other"), "Done", At))
            .ThenRefused(ErrorCodes.FundMismatch);

    [Fact]
    public void A_sponsor_commits_capital() =>
        Spec.GivenFund(Opened())
            .When(new CommitCapital(TheFund, Treasury, "HM Treasury", SponsorKind.Government, Gbp("2000000.00"), At))
            .Then(Committed("2000000.00"));

    [Fact]
    public void A_sponsor_may_add_to_its_commitment_but_not_change_its_kind()
    {
        Spec.GivenFund(Opened(), Committed("1.00"))
            .When(new CommitCapital(TheFund, Treasury, "HM Treasury", SponsorKind.Government, Gbp("5.00"), At))
            .Then(Committed("5.00"));
        Spec.GivenFund(Opened(), Committed("1.00"))
            .When(new CommitCapital(TheFund, Treasury, "HM Treasury", SponsorKind.PrivateInvestor, Gbp("5.00"), At))
            .ThenRefused(ErrorCodes.SponsorKindMismatch);
    }

    [Fact]
    public void A_commitment_must_be_positive_and_in_the_fund_currency()
    {
        Spec.GivenFund(Opened())
            .When(new CommitCapital(TheFund, Treasury, "HM Treasury", SponsorKind.Government, Gbp("0.00"), At))
            .ThenRefused(ErrorCodes.MoneyNotPositive);
        Spec.GivenFund(Opened())
            .When(new CommitCapital(TheFund, Treasury, "HM Treasury", SponsorKind.Government, Money.Parse("1.00", "EUR"), At))
            .ThenRefused(ErrorCodes.MoneyCurrencyMismatch);
    }

    [Fact]
    public void An_unknown_sponsor_kind_is_refused() =>
        Spec.GivenFund(Opened())
            .When(new CommitCapital(TheFund, Treasury, "HM Treasury", (SponsorKind)42, Gbp("1.00"), At))
            .ThenRefused(ErrorCodes.SponsorKindInvalid);

    [Fact]
    public void A_fund_has_at_most_100_sponsors()
    {
        var history = new List<object> { Opened() };
        for (var index = 0; index < Limits.SponsorsPerFundMax; index++)
        {
            history.Add(Committed("1.00", new SponsorId($"sponsor-{index}")));
        }

        Spec.GivenFund([.. history])
            .When(new CommitCapital(TheFund, new SponsorId("one-too-many"), "Late", SponsorKind.PrivateInvestor, Gbp("1.00"), At))
            .ThenRefused(ErrorCodes.FundTooManySponsors);
    }

    [Fact]
    public void A_closed_fund_takes_no_new_commitments() =>
        Spec.GivenFund(Opened(), new FundClosed(TheFund, "Investment period over", At))
            .When(new CommitCapital(TheFund, Treasury, "HM Treasury", SponsorKind.Government, Gbp("1.00"), At))
            .ThenRefused(ErrorCodes.FundClosed);

    [Fact]
    public void Capital_is_called_from_a_sponsor_up_to_its_uncalled_commitment()
    {
        Spec.GivenFund(Opened(), Committed("2000000.00"), Called("1500000.00"))
            .When(new CallCapital(TheFund, new CallId("call-2"), Treasury, Gbp("500000.00"), Today.PlusDays(30), At))
            .Then(Called("500000.00", new CallId("call-2")));
        Spec.GivenFund(Opened(), Committed("2000000.00"), Called("1500000.00"))
            .When(new CallCapital(TheFund, new CallId("call-2"), Treasury, Gbp("500000.01"), Today.PlusDays(30), At))
            .ThenRefused(ErrorCodes.CallExceedsUncalled);
    }

    [Fact]
    public void A_call_names_a_committed_sponsor_and_a_new_call_id()
    {
        Spec.GivenFund(Opened(), Committed("10.00"))
            .When(new CallCapital(TheFund, Call1, Partner, Gbp("1.00"), Today, At))
            .ThenRefused(ErrorCodes.SponsorUnknown);
        Spec.GivenFund(Opened(), Committed("10.00"), Called("1.00"))
            .When(new CallCapital(TheFund, Call1, Treasury, Gbp("1.00"), Today, At))
            .ThenRefused(ErrorCodes.CallDuplicate);
    }

    [Fact]
    public void A_call_falls_due_from_the_day_it_is_made_to_a_year_later()
    {
        object[] committed = [Opened(), Committed("10.00")];
        var lastAllowed = Today.PlusDays(Limits.CallDueDaysMax);
        Spec.GivenFund(committed).When(new CallCapital(TheFund, Call1, Treasury, Gbp("1.00"), Today, At))
            .Then(Called("1.00") with { DueDate = Today });
        Spec.GivenFund(committed).When(new CallCapital(TheFund, Call1, Treasury, Gbp("1.00"), lastAllowed, At))
            .Then(Called("1.00") with { DueDate = lastAllowed });
        Spec.GivenFund(committed).When(new CallCapital(TheFund, Call1, Treasury, Gbp("1.00"), Today.PlusDays(-1), At))
            .ThenRefused(ErrorCodes.CallDueDatePast, "dueDate");
        Spec.GivenFund(committed).When(new CallCapital(TheFund, Call1, Treasury, Gbp("1.00"), new NodaTime.LocalDate(1999, 3, 2), At))
            .ThenRefused(ErrorCodes.CallDueDatePast, "dueDate");
        Spec.GivenFund(committed).When(new CallCapital(TheFund, Call1, Treasury, Gbp("1.00"), lastAllowed.PlusDays(1), At))
            .ThenRefused(ErrorCodes.CallDueDateTooFar, "dueDate");
        Spec.GivenFund(committed).When(new CallCapital(TheFund, Call1, Treasury, Gbp("1.00"), new NodaTime.LocalDate(3026, 3, 2), At))
            .ThenRefused(ErrorCodes.CallDueDateTooFar, "dueDate");
    }

    [Fact]
    public void A_fund_has_at_most_10000_capital_calls()
    {
        var history = new List<object> { Opened(), Committed("1000000.00") };
        for (var index = 0; index < Limits.CapitalCallsPerFundMax; index++)
        {
            history.Add(Called("1.00", new CallId($"call-{index}")));
        }

        Spec.GivenFund([.. history])
            .When(new CallCapital(TheFund, new CallId("one-too-many"), Treasury, Gbp("1.00"), Today, At))
            .ThenRefused(ErrorCodes.FundTooManyCalls);
    }

    [Fact]
    public void A_closed_fund_still_calls_and_receives_capital()
    {
        Spec.GivenFund(Opened(), Committed("10.00"), new FundClosed(TheFund, "Closed", At))
            .When(new CallCapital(TheFund, Call1, Treasury, Gbp("10.00"), Today.PlusDays(30), At))
            .Then(Called("10.00"));
        Spec.GivenFund(Opened(), Committed("10.00"), Called("10.00"), new FundClosed(TheFund, "Closed", At))
            .When(new ReceiveCapital(TheFund, Call1, Gbp("10.00"), Today, At))
            .Then(Received("10.00"));
    }

    [Fact]
    public void Capital_is_received_up_to_what_is_outstanding_on_the_call()
    {
        Spec.GivenFund(Opened(), Committed("100.00"), Called("60.00"), Received("50.00"))
            .When(new ReceiveCapital(TheFund, Call1, Gbp("10.00"), Today, At))
            .Then(Received("10.00"));
        Spec.GivenFund(Opened(), Committed("100.00"), Called("60.00"), Received("50.00"))
            .When(new ReceiveCapital(TheFund, Call1, Gbp("10.01"), Today, At))
            .ThenRefused(ErrorCodes.ReceiptExceedsOutstanding);
        Spec.GivenFund(Opened(), Committed("100.00"))
            .When(new ReceiveCapital(TheFund, Call1, Gbp("1.00"), Today, At))
            .ThenRefused(ErrorCodes.CallUnknown);
    }

    [Fact]
    public void A_fund_closes_once_with_a_reason()
    {
        Spec.GivenFund(Opened())
            .When(new CloseFund(TheFund, "Investment period over", At))
            .Then(new FundClosed(TheFund, "Investment period over", At));
        Spec.GivenFund(Opened(), new FundClosed(TheFund, "Done", At))
            .When(new CloseFund(TheFund, "Again", At))
            .ThenRefused(ErrorCodes.FundAlreadyClosed);
        Spec.GivenFund(Opened())
            .When(new CloseFund(TheFund, " ", At))
            .ThenRefused(ErrorCodes.TextRequired);
    }

    [Fact]
    public void Evolve_tracks_commitments_calls_receipts_cash_reservations_and_payments()
    {
        var state = FundDecider.Fold([.. FundWithCash("1000000.00"), Reserved, FundPaid(1)]);
        state.CommittedMinor.ShouldBe(200_000_000);
        state.CalledMinor.ShouldBe(100_000_000);
        state.ReceivedMinor.ShouldBe(100_000_000);
        state.CashOnHandMinor.ShouldBe(90_000_000);
        state.ReservedMinor.ShouldBe(20_000_000);
        state.DisbursedMinor.ShouldBe(10_000_000);
        state.AvailableToCommitMinor.ShouldBe(170_000_000);
        state.Sponsors[Treasury.Value].UncalledMinor.ShouldBe(100_000_000);
    }
}

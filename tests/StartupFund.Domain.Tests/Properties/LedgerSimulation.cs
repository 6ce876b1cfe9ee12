using System.Globalization;
using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Journal;
using StartupFund.Domain.Matching;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Tests.Properties;

/// <summary>
/// One fund and a few applications driven by random steps through the real deciders, the way a
/// command handler would (load, decide, append both streams). Refusals are expected and counted;
/// after every accepted step the invariants are checked.
/// </summary>
internal sealed class LedgerSimulation
{
    public const int ApplicationCount = 4;
    private const long UnitMinor = 1_000_000; // 10,000.00 GBP
    private static readonly Instant At = Instant.FromUtc(2026, 1, 5, 10, 0);
    private static readonly LocalDate Today = new(2026, 1, 5);
    private static readonly FundId Fund = new("fund-sim");
    private static readonly CountryCode Country = new("GB");

    private readonly MatchingPolicy policy;
    private readonly ApplicationState[] applications = Enumerable.Repeat(ApplicationState.Initial, ApplicationCount).ToArray();
    private readonly List<object> events = [];
    private int callCount;

    public LedgerSimulation(MatchingPolicy policy)
    {
        this.policy = policy;
        var fundPolicy = new FundPolicy(Gbp(1), Gbp(50), policy, MinimumReviewerScores: 1);
        AppendFund(FundDecider.Decide(new OpenFund(Fund, Country, "Simulated fund", Currency.Gbp, fundPolicy, At), FundState));
    }

    public FundState FundState { get; private set; } = FundState.Initial;

    public FundLedger Ledger { get; private set; } = FundLedger.Empty(Fund, Currency.Gbp);

    public int Refusals { get; private set; }

    public int Accepted { get; private set; }

    public Dictionary<Type, int> EventCounts { get; } = [];

    public void Run(Op op)
    {
        try
        {
            Execute(op);
            Accepted++;
        }
        catch (DomainException)
        {
            Refusals++;
        }

        CheckInvariants();
    }

    private static Money Gbp(long units) => new(units * UnitMinor, Currency.Gbp);

    private static ApplicationId AppId(int index) => new($"app-{index}");

    private void Execute(Op op)
    {
        var index = op.Application;
        var id = AppId(index);
        var application = applications[index];
        var amount = Gbp(op.AmountUnits);
        var sponsor = new SponsorId($"sponsor-{op.Selector % 3}");
        var investor = new InvestorId($"investor-{op.Selector % 2}");
        var nextUnpaid = application.Tranches.FirstOrDefault(tranche => !tranche.Paid)?.TrancheNumber ?? 1;
        var lastPaid = application.Tranches.LastOrDefault(tranche => tranche.Paid)?.TrancheNumber ?? 1;
        var valueDate = Today.PlusDays(op.DaysAhead);
        switch (op.Kind)
        {
            case OpKind.Advance:
                Advance(op);
                break;
            case OpKind.CommitCapital:
                Fund_(new CommitCapital(Fund, sponsor, "Sponsor", (SponsorKind)(op.Selector % 3 + 1), amount, At));
                break;
            case OpKind.CallCapital:
                Fund_(new CallCapital(Fund, new CallId($"call-{callCount++}"), sponsor, amount, Today.PlusDays(30), At));
                break;
            case OpKind.ReceiveCapital:
                var call = FundState.Calls.OrderBy(pair => pair.Key, StringComparer.Ordinal).Skip(op.AmountUnits % Math.Max(1, FundState.Calls.Count)).FirstOrDefault();
                var callId = FundState.Calls.Count == 0 ? new CallId("call-none") : new CallId(call.Key);
                var receipt = op.Selector == 0 && call.Value is { } open ? new Money(open.OutstandingMinor, Currency.Gbp) : amount;
                Fund_(new ReceiveCapital(Fund, callId, receipt, valueDate, At));
                break;
            case OpKind.Submit:
                Funding(index, new SubmitApplication(
                    id, Fund, new StartupProfile(new StartupId($"startup-{index}"), "Startup", "REG-1", Country),
                    "AI", Stage.Seed, Instrument.Equity, amount, "Summary", At));
                break;
            case OpKind.StartReview:
                Single(index, new StartReview(id, At));
                break;
            case OpKind.Score:
                Single(index, new ScoreApplication(id, new ReviewerId($"reviewer-{op.Selector}"), op.Selector % 5 + 1, null, At));
                break;
            case OpKind.Approve:
                var approved = Math.Min(op.AmountUnits * UnitMinor, Math.Max(UnitMinor, application.RequestedMinor));
                Funding(index, new ApproveApplication(id, new Money(approved, Currency.Gbp), Schedule(approved, op.Selector % 3 + 1), At));
                break;
            case OpKind.AcceptOffer:
                Single(index, new AcceptOffer(id, At));
                break;
            case OpKind.DeclineOffer:
                Funding(index, new DeclineOffer(id, "No thanks", At));
                break;
            case OpKind.CommitCoInvestment:
                Single(index, new CommitCoInvestment(id, investor, "Investor", amount, At));
                break;
            case OpKind.ReceiveCoInvestment:
                var outstanding = application.CoInvestors.TryGetValue(investor.Value, out var position) ? position.OutstandingMinor : 0;
                Single(index, new ReceiveCoInvestment(id, investor, op.Selector < 2 && outstanding > 0 ? new Money(outstanding, Currency.Gbp) : amount, valueDate, At));
                break;
            case OpKind.CorrectCoInvestment:
                // Mostly within what the investor's booking allows (selector 0-2), sometimes beyond it (3), to exercise the refusals.
                var booked = application.CoInvestors.TryGetValue(investor.Value, out var held) ? held : new CoInvestorPosition("Investor", 0, 0);
                var reverse = op.Selector == 3 ? amount.MinorUnits : Math.Min(amount.MinorUnits, booked.ReceivedMinor);
                var reduce = op.Selector == 1 ? 0 : Math.Min(amount.MinorUnits, booked.OutstandingMinor + reverse);
                Single(index, new CorrectCoInvestment(id, investor, reverse > 0 ? new Money(reverse, Currency.Gbp) : null,
                    reduce > 0 ? new Money(reduce, Currency.Gbp) : null, "Fix", At));
                break;
            case OpKind.ReportMilestone:
                Single(index, new ReportMilestone(id, op.Selector == 3 ? 2 : nextUnpaid, "Evidence", At));
                break;
            case OpKind.VerifyMilestone:
                Single(index, new VerifyMilestone(id, op.Selector == 3 ? 2 : nextUnpaid, null, At));
                break;
            case OpKind.Disburse:
                Funding(index, new DisburseTranche(id, op.Selector == 3 ? 2 : nextUnpaid, valueDate, PaymentReference(), At));
                break;
            case OpKind.Reverse:
                Funding(index, new ReverseDisbursement(id, op.Selector == 3 ? 1 : lastPaid, "Returned by bank", At, op.Selector == 2 ? null : valueDate));
                break;
            case OpKind.CancelRemainder:
                Funding(index, new CancelRemainder(id, "Cancelled", At));
                break;
            case OpKind.CloseFund:
                Fund_(new CloseFund(Fund, "Closed", At));
                break;
            case OpKind.RequestInformation:
                Single(index, new RequestInformation(id, "Question", At));
                break;
            case OpKind.ProvideInformation:
                Single(index, new ProvideInformation(id, "Answer", At));
                break;
            case OpKind.Withdraw:
                Single(index, new WithdrawApplication(id, "Withdrawn", At));
                break;
            case OpKind.Reject:
                Single(index, new RejectApplication(id, "declined", "Not a fit", At));
                break;
            case OpKind.Amend:
                Funding(index, new AmendApplication(id, null, null, null, amount, null, At));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "Unknown op.");
        }
    }

    private void Advance(Op op)
    {
        var index = op.Application;
        var id = AppId(index);
        var application = applications[index];
        switch (application.Status)
        {
            case ApplicationStatus.None:
                Execute(op with { Kind = OpKind.Submit });
                break;
            case ApplicationStatus.Submitted:
                Execute(op with { Kind = OpKind.StartReview });
                break;
            case ApplicationStatus.UnderReview:
                Execute(op with { Kind = application.Scores.Count == 0 ? OpKind.Score : OpKind.Approve });
                break;
            case ApplicationStatus.InformationRequested:
                Execute(op with { Kind = OpKind.ProvideInformation });
                break;
            case ApplicationStatus.Approved:
                Execute(op with { Kind = OpKind.AcceptOffer });
                break;
            case ApplicationStatus.Active:
                AdvancePayment(op, id, application);
                break;
            default:
                break;
        }
    }

    private void AdvancePayment(Op op, ApplicationId id, ApplicationState application)
    {
        var tranche = application.Tranches.First(t => !t.Paid);
        if (tranche.TrancheNumber > 1 && tranche.MilestoneStatus == MilestoneStatus.NotReported)
        {
            Single(op.Application, new ReportMilestone(id, tranche.TrancheNumber, "Evidence", At));
            return;
        }

        if (tranche.TrancheNumber > 1 && tranche.MilestoneStatus == MilestoneStatus.Reported)
        {
            Single(op.Application, new VerifyMilestone(id, tranche.TrancheNumber, null, At));
            return;
        }

        var shortMinor = policy.RequiredPrivateMinor(application.PaidMinor + tranche.AmountMinor) - application.CoInvestmentReceivedMinor;
        if (shortMinor > 0)
        {
            var investor = new InvestorId("investor-0");
            var outstanding = application.CoInvestors.TryGetValue(investor.Value, out var position) ? position.OutstandingMinor : 0;
            ApplicationCommand command = outstanding > 0
                ? new ReceiveCoInvestment(id, investor, new Money(Math.Min(outstanding, shortMinor), Currency.Gbp), Today, At)
                : new CommitCoInvestment(id, investor, "Investor", new Money(shortMinor, Currency.Gbp), At);
            Single(op.Application, command);
            return;
        }

        var valueDate = Today.PlusDays(op.DaysAhead);
        if (FundState.CashOnHandOnMinor(valueDate) < tranche.AmountMinor)
        {
            var open = FundState.Calls.FirstOrDefault(pair => pair.Value.OutstandingMinor > 0);
            var uncalled = FundState.Sponsors.FirstOrDefault(pair => pair.Value.UncalledMinor > 0);
            FundCommand command = open.Value is { } call
                ? new ReceiveCapital(Fund, new CallId(open.Key), new Money(call.OutstandingMinor, Currency.Gbp), Today, At)
                : uncalled.Value is { } sponsor
                    ? new CallCapital(Fund, new CallId($"call-{callCount++}"), new SponsorId(uncalled.Key), new Money(sponsor.UncalledMinor, Currency.Gbp), Today, At)
                    : new CommitCapital(Fund, new SponsorId("sponsor-0"), "Sponsor", SponsorKind.Government, Gbp(op.AmountUnits), At);
            Fund_(command);
            return;
        }

        Funding(op.Application, new DisburseTranche(id, tranche.TrancheNumber, valueDate, PaymentReference(), At));
    }

    /// <summary>Each payment has its own bank reference (the ledger's journal refuses one used before; the deciders do not see it).</summary>
    private string PaymentReference() => string.Create(CultureInfo.InvariantCulture, $"PAY-{events.Count}");

    private static TrancheTerms[] Schedule(long totalMinor, int count)
    {
        var each = totalMinor / count;
        return
        [
            .. Enumerable.Range(0, count).Select(index => new TrancheTerms(
                new Money(index == count - 1 ? totalMinor - (each * (count - 1)) : each, Currency.Gbp),
                string.Create(CultureInfo.InvariantCulture, $"Milestone {index + 1}"),
                Today.PlusMonths(index))),
        ];
    }

    private void Fund_(FundCommand command) => AppendFund(FundDecider.Decide(command, FundState));

    private void Single(int index, ApplicationCommand command) =>
        AppendApplication(index, ApplicationDecider.Decide(command, applications[index]));

    private void Funding(int index, FundingCommand command)
    {
        var decision = FundingDecider.Decide(command, applications[index], FundState);
        AppendApplication(index, decision.ApplicationEvents);
        AppendFund(decision.FundEvents);
    }

    private void AppendFund(IReadOnlyList<object> fundEvents)
    {
        foreach (var @event in fundEvents)
        {
            FundState = FundDecider.Evolve(FundState, @event);
            Record(@event);
        }
    }

    private void AppendApplication(int index, IReadOnlyList<object> applicationEvents)
    {
        foreach (var @event in applicationEvents)
        {
            applications[index] = ApplicationDecider.Evolve(applications[index], @event);
            Record(@event);
            if (@event is TrancheDisbursed)
            {
                // Matching holds for all public money paid to this application, this tranche included.
                var state = applications[index];
                policy.IsSatisfied(state.PaidMinor, state.CoInvestmentReceivedMinor).ShouldBeTrue("matching on a paid tranche");
            }
        }
    }

    private void Record(object @event)
    {
        events.Add(@event);
        EventCounts[@event.GetType()] = EventCounts.GetValueOrDefault(@event.GetType()) + 1;
        if (JournalPosting.For(@event) is { } entry)
        {
            entry.IsBalanced().ShouldBeTrue($"{entry.EventAlias} balances");
            Ledger = Ledger.Apply(entry);
        }
    }

    /// <summary>The cash the fund held at the end of <paramref name="day"/>: what moved by then (a reversal without a day counts from any day).</summary>
    private long CashOnDay(LocalDate day) => events.Sum(@event => @event switch
    {
        CapitalReceived received when received.ValueDate <= day => received.Amount.MinorUnits,
        FundsDisbursed paid when paid.ValueDate <= day => -paid.Amount.MinorUnits,
        DisbursementReversed returned when returned.ValueDate is not { } back || back <= day => returned.Amount.MinorUnits,
        _ => 0L,
    });

    private void CheckInvariants()
    {
        var fund = FundState;
        fund.CashOnHandMinor.ShouldBeGreaterThanOrEqualTo(0, "cash on hand");
        fund.CashOnHandOnMinor(Today.PlusDays(-1)).ShouldBeGreaterThanOrEqualTo(0, "cash on hand on every day, counted by value date");
        foreach (var day in Enumerable.Range(-1, (2 * ValueDates.MaxDaysAhead) + 2).Select(Today.PlusDays))
        {
            // Worked out here from the events alone, not with the deciders' own arithmetic.
            CashOnDay(day).ShouldBeGreaterThanOrEqualTo(0, $"cash on {day:uuuu-MM-dd}, counted from the recorded value dates");
        }

        fund.AvailableToCommitMinor.ShouldBeGreaterThanOrEqualTo(0, "available to commit");
        fund.ReservedMinor.ShouldBeGreaterThanOrEqualTo(0, "reserved");
        Ledger.IsBalanced().ShouldBeTrue("trial balance");

        foreach (var application in applications)
        {
            application.PaidMinor.ShouldBeInRange(0, application.ApprovedMinor, "disbursed never exceeds approved");
            application.Tranches.Where(t => t.Paid).Sum(t => t.AmountMinor).ShouldBe(application.PaidMinor);
        }

        fund.ReservedMinor.ShouldBe(applications.Sum(a => a.UnpaidReservedMinor), "fund reservation = unpaid approvals");
        fund.DisbursedMinor.ShouldBe(applications.Sum(a => a.PaidMinor), "fund disbursed = paid tranches");
        Ledger.OpenPending.Count.ShouldBe(
            applications.Where(a => a.UnpaidReservedMinor > 0).Sum(a => a.Tranches.Count(t => !t.Paid)), "one open pending per unpaid tranche");

        var journal = FundFigures.From(Ledger);
        var direct = EventFigures.From(events);
        var fromJournal = new EventFigures(
            journal.CommittedMinor, journal.CalledMinor, journal.ReceivedMinor, journal.CashOnHandMinor, journal.ReservedMinor,
            journal.DisbursedMinor, journal.CoInvestmentReceivedMinor);
        fromJournal.ShouldBe(direct, "journal figures = figures from events");
        var fromState = new EventFigures(
            fund.CommittedMinor, fund.CalledMinor, fund.ReceivedMinor, fund.CashOnHandMinor, fund.ReservedMinor, fund.DisbursedMinor,
            applications.Where(a => a.Status != ApplicationStatus.OfferDeclined && !(a.Status == ApplicationStatus.Cancelled && a.PaidMinor == 0))
                .Sum(a => a.CoInvestmentReceivedMinor));
        fromState.ShouldBe(direct, "decider state = figures from events");
        journal.AvailableToCommitMinor.ShouldBe(fund.AvailableToCommitMinor);
    }
}

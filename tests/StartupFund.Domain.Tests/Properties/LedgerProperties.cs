using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Matching;

namespace StartupFund.Domain.Tests.Properties;

/// <summary>Invariants over random command sequences against one fund and several applications.</summary>
public class LedgerProperties(ITestOutputHelper output)
{
    private const int Runs = 200;
    private const int StepsMax = 250;

    private static readonly MatchingPolicy[] Policies =
    [
        ReadyMadePolicies.NoMatching,
        ReadyMadePolicies.UkFutureFund,
        ReadyMadePolicies.IsraelYozma,
        ReadyMadePolicies.SingaporeStartupSgEquity(firstCapMinor: 5_000_000, secondCapMinor: 40_000_000),
        ReadyMadePolicies.Eif,
    ];

    // Progress-making steps are frequent so that sequences reach payments, reversals and cancellations;
    // declines and cancellations often enough that no run of the property misses them (a weight of 1 did).
    private static readonly (int Weight, OpKind Kind)[] Weights =
    [
        (40, OpKind.Advance), (6, OpKind.CommitCapital), (6, OpKind.CallCapital), (8, OpKind.ReceiveCapital), (6, OpKind.Submit),
        (6, OpKind.StartReview), (6, OpKind.Score), (8, OpKind.Approve), (6, OpKind.AcceptOffer), (3, OpKind.DeclineOffer),
        (6, OpKind.CommitCoInvestment), (8, OpKind.ReceiveCoInvestment), (3, OpKind.CorrectCoInvestment), (6, OpKind.ReportMilestone), (6, OpKind.VerifyMilestone),
        (12, OpKind.Disburse), (2, OpKind.Reverse), (3, OpKind.CancelRemainder), (1, OpKind.CloseFund),
        (1, OpKind.RequestInformation), (1, OpKind.ProvideInformation), (1, OpKind.Withdraw), (1, OpKind.Reject), (1, OpKind.Amend),
    ];

    private static readonly Gen<Op> OpGen =
        from kind in Gen.Frequency(Weights.Select(w => (w.Weight, Gen.Constant(w.Kind))))
        from application in Gen.Choose(0, LedgerSimulation.ApplicationCount - 1)
        from amountUnits in Gen.Choose(1, 60)
        from selector in Gen.Choose(0, 3)
        from daysAhead in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, ValueDates.MaxDaysAhead)))
        select new Op(kind, application, amountUnits, selector, daysAhead);

    private static readonly Gen<(int Policy, Op[] Ops)> ScenarioGen =
        from policy in Gen.Choose(0, Policies.Length - 1)
        from length in Gen.Choose(20, StepsMax)
        from ops in Gen.ArrayOf(OpGen, length)
        select (policy, ops);

    [Fact]
    public void Random_command_sequences_keep_every_ledger_invariant()
    {
        var totals = new Dictionary<Type, int>();
        var property = Prop.ForAll(ScenarioGen.ToArbitrary(), scenario =>
        {
            var simulation = new LedgerSimulation(Policies[scenario.Policy]);
            foreach (var op in scenario.Ops)
            {
                simulation.Run(op);
            }

            lock (totals)
            {
                foreach (var (type, count) in simulation.EventCounts)
                {
                    totals[type] = totals.GetValueOrDefault(type) + count;
                }
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Runs).WithQuietOnSuccess(true), property);

        output.WriteLine(string.Join(Environment.NewLine, totals.OrderBy(t => t.Key.Name).Select(t => $"{t.Key.Name} = {t.Value}")));

        // The random walks must actually reach the interesting paths, or the invariants prove little.
        foreach (var type in new[]
                 {
                     typeof(FundsDisbursed), typeof(DisbursementReversed), typeof(ReservationReleased), typeof(OfferDeclined),
                     typeof(RemainderCancelled), typeof(CoInvestmentReceived), typeof(MilestoneVerified), typeof(FundClosed), typeof(CoInvestmentCorrected),
                 })
        {
            totals.GetValueOrDefault(type).ShouldBeGreaterThan(0, type.Name);
        }
    }
}

using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Tests.Support;

/// <summary>Given(events) / When(command) / Then(events or refusal code), one shape per decider.</summary>
internal static class Spec
{
    public static FundSpec GivenFund(params object[] events) => new(events);

    public static ApplicationSpec GivenApplication(params object[] events) => new(events);

    public static FundingSpec Given(object[] fundEvents, object[] applicationEvents) => new(fundEvents, applicationEvents);

    public static void ShouldBeEvents(this IReadOnlyList<object> actual, params object[] expected) =>
        actual.Select(Describe.Of).ToArray().ShouldBe(expected.Select(Describe.Of).ToArray());

    public static void ShouldBeRefusedWith(this Action action, string code) =>
        Should.Throw<DomainException>(action).Code.ShouldBe(code);

    internal sealed record FundSpec(object[] History)
    {
        public Outcome<IReadOnlyList<object>> When(FundCommand command) =>
            new(() => FundDecider.Decide(command, FundDecider.Fold(History)));
    }

    internal sealed record ApplicationSpec(object[] History)
    {
        public Outcome<IReadOnlyList<object>> When(ApplicationCommand command) =>
            new(() => ApplicationDecider.Decide(command, ApplicationDecider.Fold(History)));
    }

    internal sealed record FundingSpec(object[] FundHistory, object[] ApplicationHistory)
    {
        public Outcome<TwoStreamDecision> When(FundingCommand command) =>
            new(() => FundingDecider.Decide(command, ApplicationDecider.Fold(ApplicationHistory), FundDecider.Fold(FundHistory)));
    }

    internal sealed record Outcome<T>(Func<T> Decide)
    {
        public void ThenRefused(string code) => Should.Throw<DomainException>(() => Decide()).Code.ShouldBe(code);

        /// <summary>Refused with <paramref name="code"/>, blaming <paramref name="field"/> (the command's path to the bad input).</summary>
        public void ThenRefused(string code, string field)
        {
            var refusal = Should.Throw<DomainException>(() => Decide());
            (refusal.Code, refusal.Field).ShouldBe((code, field));
        }

        public T ThenSucceeds() => Decide();
    }

    public static void Then(this Outcome<IReadOnlyList<object>> outcome, params object[] expected) =>
        outcome.ThenSucceeds().ShouldBeEvents(expected);

    public static void Then(this Outcome<TwoStreamDecision> outcome, object[] applicationEvents, object[] fundEvents)
    {
        var decision = outcome.ThenSucceeds();
        decision.ApplicationEvents.ShouldBeEvents(applicationEvents);
        decision.FundEvents.ShouldBeEvents(fundEvents);
    }
}

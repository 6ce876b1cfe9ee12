using StartupFund.Domain.Applications;
using StartupFund.Domain.Events;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Tests.Events;

public class EventAliasesTests
{
    private static readonly Type[] EventTypes =
    [
        .. typeof(IFundEvent).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false }
                && (typeof(IFundEvent).IsAssignableFrom(type) || typeof(IApplicationEvent).IsAssignableFrom(type))),
    ];

    [Fact]
    public void Every_event_type_has_exactly_one_alias_and_back()
    {
        EventTypes.Length.ShouldBe(EventAliases.All.Count);
        foreach (var type in EventTypes)
        {
            EventAliases.TypeOf(EventAliases.AliasOf(type)).ShouldBe(type);
        }
    }

    [Fact]
    public void Aliases_are_unique_kebab_case() =>
        EventAliases.All.Select(entry => entry.Alias).ShouldAllBe(alias =>
            alias.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !alias.StartsWith('-') && !alias.EndsWith('-'));

    [Fact]
    public void Aliases_are_stable() // Renaming one breaks every stored stream: never change these.
    {
        EventAliases.AliasOf(typeof(FundOpened)).ShouldBe("fund-opened");
        EventAliases.AliasOf(typeof(ApplicationSubmitted)).ShouldBe("application-submitted");
        EventAliases.AliasOf(typeof(TrancheDisbursed)).ShouldBe("tranche-disbursed");
        EventAliases.AliasOf(typeof(FundsReserved)).ShouldBe("funds-reserved");
        EventAliases.StreamTypeOf(typeof(FundsReserved)).ShouldBe("fund");
        EventAliases.StreamTypeOf(typeof(TrancheDisbursed)).ShouldBe("application");
    }

    [Fact]
    public void Unknown_types_and_aliases_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => EventAliases.AliasOf(typeof(string)));
        Should.Throw<ArgumentOutOfRangeException>(() => EventAliases.TypeOf("no-such-event"));
        EventAliases.TryGetType("no-such-event", out _).ShouldBeFalse();
    }
}

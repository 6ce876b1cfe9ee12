using System.Security.Claims;
using StartupFund.Security;

namespace StartupFund.Api.Tests.Security;

/// <summary>The edges of the access rules that the endpoint matrix does not reach: wildcards, several roles, odd claims.</summary>
public sealed class CallerRulesTests
{
    private static readonly ApplicationScope German = new("DE", "st-1", ["inv-1"]);

    private static Caller Of(params (string Type, string Value)[] claims) =>
        Caller.From(new ClaimsPrincipal(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test")));

    [Fact]
    public void The_country_wildcard_widens_a_regulator_but_never_a_fund_manager()
    {
        var wildManager = Of(("sub", "m"), ("role", Roles.FundManager), ("country", "*"));
        wildManager.Manages("DE").ShouldBeFalse();
        wildManager.CanReview(German).ShouldBeFalse();
        wildManager.CanOversee("DE").ShouldBeFalse();

        var wildRegulator = Of(("sub", "r"), ("role", Roles.Regulator), ("country", "*"));
        wildRegulator.CanOversee("DE").ShouldBeTrue();
        wildRegulator.CanAudit(null).ShouldBeTrue();
        wildRegulator.CanReview(German).ShouldBeFalse();
    }

    [Fact]
    public void A_national_regulator_audits_its_countries_and_never_everything()
    {
        var regulator = Of(("sub", "r"), ("role", Roles.Regulator), ("country", "de"), ("country", "KE"));
        regulator.CanAudit("DE").ShouldBeTrue();
        regulator.CanAudit("KE").ShouldBeTrue();
        regulator.CanAudit("JP").ShouldBeFalse();
        regulator.CanAudit(null).ShouldBeFalse();
        regulator.OnlyCountry.ShouldBeNull();
        regulator.SeesEveryCountry.ShouldBeFalse();
    }

    [Fact]
    public void Roles_do_not_lend_their_scope_to_each_other()
    {
        // A regulator of DE who is also a startup may read DE but acts only as its own startup, and never reviews.
        var both = Of(("sub", "x"), ("role", Roles.Regulator), ("role", Roles.Startup), ("country", "DE"), ("startup_id", "st-2"));
        both.CanRead(German).ShouldBeTrue();
        both.CanActAsApplicant(German).ShouldBeFalse();
        both.CanReview(German).ShouldBeFalse();
        both.MayApply.ShouldBeTrue();
    }

    [Fact]
    public void A_startup_and_a_co_investor_are_matched_on_their_exact_ids()
    {
        Of(("sub", "s"), ("role", Roles.Startup), ("startup_id", "st-1")).CanActAsApplicant(German).ShouldBeTrue();
        Of(("sub", "s"), ("role", Roles.Startup), ("startup_id", "ST-1")).CanRead(German).ShouldBeFalse();
        Of(("sub", "s"), ("role", Roles.CoInvestor), ("startup_id", "st-1")).CanRead(German).ShouldBeFalse();
        Of(("sub", "i"), ("role", Roles.CoInvestor), ("investor_id", "inv-1")).CanRead(German).ShouldBeTrue();
        Of(("sub", "i"), ("role", Roles.CoInvestor), ("investor_id", "inv-9")).CanCommitCoInvestment(German, "inv-1").ShouldBeFalse();
    }

    [Fact]
    public void A_co_investor_records_only_on_applications_it_was_introduced_to()
    {
        var investor = Of(("sub", "i"), ("role", Roles.CoInvestor), ("investor_id", "inv-9"));

        investor.CanCommitCoInvestment(German, "inv-9").ShouldBeFalse();
        investor.CanRead(German).ShouldBeFalse();
        investor.CanCommitCoInvestment(German with { InvestorIds = ["inv-1", "inv-9"] }, "inv-9").ShouldBeTrue();
    }

    [Fact]
    public void Only_the_countrys_fund_manager_books_co_investment_received()
    {
        var introduced = German with { InvestorIds = ["inv-9"] };

        Of(("sub", "i"), ("role", Roles.CoInvestor), ("investor_id", "inv-9")).CanBookCoInvestmentReceipt(introduced).ShouldBeFalse();
        Of(("sub", "m"), ("role", Roles.FundManager), ("country", "DE")).CanBookCoInvestmentReceipt(introduced).ShouldBeTrue();
        Of(("sub", "m"), ("role", Roles.FundManager), ("country", "KE")).CanBookCoInvestmentReceipt(introduced).ShouldBeFalse();
        Of(("sub", "a"), ("role", Roles.Admin)).CanBookCoInvestmentReceipt(introduced).ShouldBeFalse();
    }

    [Fact]
    public void Without_a_usable_subject_or_a_known_role_a_caller_may_nothing()
    {
        Of(("role", Roles.Admin)).IsAuthenticated.ShouldBeFalse();
        Of(("sub", "has space"), ("role", Roles.Admin)).MayOpenFunds.ShouldBeFalse();
        Of(("sub", new string('a', Caller.SubjectMaxLength + 1)), ("role", Roles.Admin)).MayOpenFunds.ShouldBeFalse();
        Of(("sub", "x"), ("role", "root")).MayBrowseFunds.ShouldBeFalse();
        Caller.From(new ClaimsPrincipal(new ClaimsIdentity())).MayBrowseFunds.ShouldBeFalse();
    }

    [Fact]
    public void Local_tokens_refuse_identities_missing_their_scope()
    {
        var tokens = new LocalTokens(new AuthOptions { SigningKey = new string('k', 32) }, NodaTime.SystemClock.Instance);
        Should.Throw<ArgumentException>(() => tokens.Mint(new TokenIdentity("s", [Roles.Startup])));
        Should.Throw<ArgumentException>(() => tokens.Mint(new TokenIdentity("i", [Roles.CoInvestor])));
        Should.Throw<ArgumentException>(() => tokens.Mint(new TokenIdentity("m", [Roles.FundManager])));
        Should.Throw<ArgumentException>(() => tokens.Mint(new TokenIdentity("m", [Roles.FundManager], ["Germany"])));
        Should.Throw<ArgumentException>(() => tokens.Mint(new TokenIdentity("a", ["root"])));
        Should.Throw<ArgumentException>(() => tokens.Mint(new TokenIdentity("a", [Roles.Admin]), NodaTime.Duration.FromDays(31)));
    }
}

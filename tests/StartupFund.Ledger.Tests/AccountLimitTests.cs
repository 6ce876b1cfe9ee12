using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;
using StartupFund.Ledger.Pipeline;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Tests;

/// <summary>
/// Every amount is within its own limit, yet enough of them would add up past a 64-bit integer in a fund's accounts
/// (and its trial balance adds up all of them). The database's check on the accounts refuses the command that would
/// cross the fund's limit, and nothing of it is written.
/// </summary>
public sealed class AccountLimitTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private static readonly Money Largest = new(Limits.AmountMaxMinor, Currency.Eur);

    [Fact]
    public async Task A_command_that_would_take_an_account_past_the_funds_limit_is_refused_and_writes_nothing()
    {
        var fund = await fixture.OpenFundAsync("fund-limit", 1_000_000_00);
        var investorsPerApplication = Limits.CoInvestorsPerApplicationMax;
        var allowed = Limits.AccountTotalMaxMinor / Limits.AmountMaxMinor;   // commitments of the largest amount the fund's accounts can take
        var committed = 0L;
        for (var a = 0; committed < allowed; a++)
        {
            var app = await fixture.ReadyToPayAsync(fund, $"app-limit-{a}");
            for (var i = 0; i < investorsPerApplication && committed < allowed; i++, committed++)
            {
                await CommitAsync(app, $"angel-{i}");
            }
        }

        var last = await fixture.ReadyToPayAsync(fund, "app-limit-last");
        var events = await fixture.EventCountAsync();

        var refusal = await Should.ThrowAsync<DomainException>(() => CommitAsync(last, "one-too-many"));

        refusal.Code.ShouldBe(ErrorCodes.FundAccountLimitExceeded);
        refusal.InnerException.ShouldBeOfType<Npgsql.PostgresException>().ConstraintName.ShouldBe("account_balance_limit");
        (await fixture.EventCountAsync()).ShouldBe(events);
        (await fixture.Ledger.Queries.GetApplicationAsync(last))!.CoInvestors.ShouldBeEmpty();
        var trial = (await fixture.Ledger.Queries.TrialBalanceAsync(fund))!;
        trial.Balanced.ShouldBeTrue();
        trial.Accounts.Max(account => account.DebitsPosted.MinorUnits).ShouldBe(Limits.AccountTotalMaxMinor);
    }

    private Task<CommandOutcome> CommitAsync(ApplicationId app, string investor) => fixture.Ledger.Commands.ExecuteAsync(
        new CommitCoInvestment(app, new InvestorId(investor), "Angel " + investor, Largest, fixture.Clock.GetCurrentInstant()), CommandRequest.Plain);
}

using NodaTime;
using StartupFund.Domain;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funding;
using StartupFund.Domain.Funds;
using StartupFund.EventStore;
using StartupFund.Ledger.Pipeline;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Tests;

/// <summary>
/// A bank reference names one payment of its fund. The journal's unique index keeps the rule (a set in the
/// fund's state would grow with every payment), so it is tested here, against the database.
/// </summary>
public sealed class PaymentReferenceTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    private static readonly LocalDate PaidOn = new(2026, 3, 2);

    private StartupFundLedger Ledger => fixture.Ledger;

    [Fact]
    public async Task A_reference_used_before_by_the_fund_is_refused_and_writes_nothing()
    {
        var fund = await fixture.OpenFundAsync("fund-ref", 1_000_000_00);
        var first = await fixture.ReadyToPayAsync(fund, "app-ref-1");
        var second = await fixture.ReadyToPayAsync(fund, "app-ref-2");
        await PayAsync(first, "BANK-0001");
        var before = await fixture.EventCountAsync();
        var fundBefore = (await Ledger.Queries.FundBalanceAsync(fund))!.Figures;

        var refusal = await Should.ThrowAsync<DomainException>(() => PayAsync(second, " BANK-0001 "));

        refusal.Code.ShouldBe(ErrorCodes.PaymentReferenceReused);
        refusal.Field.ShouldBe("paymentReference");
        refusal.Message.ShouldContain("'BANK-0001'");
        refusal.InnerException.ShouldBeOfType<Npgsql.PostgresException>().ConstraintName.ShouldBe("journal_payment_reference");
        (await fixture.EventCountAsync()).ShouldBe(before);
        (await Ledger.Queries.FundBalanceAsync(fund))!.Figures.ShouldBe(fundBefore);
        (await Ledger.Queries.GetApplicationAsync(second))!.Tranches[0].Paid.ShouldBeFalse();

        // The state the refused payment was decided on is still the truth: the next payment lands on it.
        await PayAsync(second, "BANK-0002");
        (await Ledger.Queries.GetApplicationAsync(second))!.Tranches[0].Paid.ShouldBeTrue();
    }

    [Fact]
    public async Task Another_fund_may_use_the_same_reference()
    {
        var one = await fixture.ReadyToPayAsync(await fixture.OpenFundAsync("fund-ref-a", 1_000_000_00), "app-ref-a");
        var other = await fixture.ReadyToPayAsync(await fixture.OpenFundAsync("fund-ref-b", 1_000_000_00), "app-ref-b");

        await PayAsync(one, "SHARED-REF");
        await PayAsync(other, "SHARED-REF");

        (await Ledger.Queries.GetApplicationAsync(other))!.Tranches[0].Paid.ShouldBeTrue();
    }

    [Fact]
    public async Task Racing_payments_under_one_reference_land_once_and_the_rest_are_refused()
    {
        var fund = await fixture.OpenFundAsync("fund-ref-race", 10_000_000_00);
        var apps = new List<ApplicationId>();
        for (var i = 0; i < 6; i++)
        {
            apps.Add(await fixture.ReadyToPayAsync(fund, $"app-ref-race-{i}"));
        }

        var results = await Task.WhenAll(apps.Select(app => Task.Run(async () =>
        {
            try
            {
                await PayAsync(app, "RACE-REF");
                return "paid";
            }
            catch (DomainException e)
            {
                return e.Code;
            }
        })));

        results.Count(r => r == "paid").ShouldBe(1);
        results.Count(r => r == ErrorCodes.PaymentReferenceReused).ShouldBe(5);
        var journal = (await Ledger.Queries.JournalAsync(fund, null, 100))!;
        journal.Items.Count(e => e.EventType == "funds-disbursed").ShouldBe(1);
    }

    [Fact]
    public async Task A_repeated_request_whose_first_run_used_the_reference_replays_its_response()
    {
        var fund = await fixture.OpenFundAsync("fund-ref-repeat", 1_000_000_00);
        var app = await fixture.ReadyToPayAsync(fund, "app-ref-repeat");
        var first = await Ledger.Commands.ExecuteAsync(Payment(app, "BANK-9"), LedgerFixture.Keyed("pay-once", "same"));

        var repeat = await Ledger.Commands.ExecuteAsync(Payment(app, "BANK-9"), LedgerFixture.Keyed("pay-once", "same"));

        repeat.Replayed.ShouldBeTrue();
        repeat.Body.ShouldBe(first.Body);
    }

    [Fact]
    public async Task The_fund_state_keeps_no_payment_references()
    {
        var fund = await fixture.OpenFundAsync("fund-ref-state", 1_000_000_00);
        await PayAsync(await fixture.ReadyToPayAsync(fund, "app-ref-state"), "REF-NOT-IN-STATE");

        var document = await fixture.Database.ScalarAsync<string>($"select state::text from ledger.funds where fund_id = '{fund.Value}'");

        document.ShouldNotBeNull().ShouldContain(fund.Value);
        document.ShouldNotContain("REF-NOT-IN-STATE");
    }

    private DisburseTranche Payment(ApplicationId app, string reference) => new(app, 1, PaidOn, reference, fixture.Clock.GetCurrentInstant());

    private Task<CommandOutcome> PayAsync(ApplicationId app, string reference) => Ledger.Commands.ExecuteAsync(Payment(app, reference), CommandRequest.Plain);
}

using Microsoft.Playwright;
using StartupFund.Browser.Tests.Infrastructure;
using StartupFund.Domain.Values;
using static Microsoft.Playwright.Assertions;

namespace StartupFund.Browser.Tests;

/// <summary>A fund manager reviews, approves with a tranche schedule and pays; the API's refusals are shown plainly.</summary>
[Collection(SharedWebApp.Name)]
public sealed class FundManagerTests(WebApp app)
{
    [Fact]
    public async Task A_manager_approves_with_tranches_and_pays_once_the_rules_are_met()
    {
        await using var managerTab = await app.OpenTabAsync(signedInAs: "manager-de");
        await using var startupTab = await app.OpenTabAsync(signedInAs: "startup-nordlicht");
        var manager = managerTab.Page;
        var startup = startupTab.Page;

        await manager.GotoAsync("/app/review");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Nordlicht Energy", Exact = true }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Review: Nordlicht Energy", Level = 1 })).ToBeVisibleAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Start the review" }).ClickAsync();
        await ExpectDoneAsync(manager, "The review has started.");
        await manager.GetByLabel("Score (1 to 5)").SelectOptionAsync("4");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Record the score" }).ClickAsync();
        await ExpectDoneAsync(manager, "The score was recorded.");

        await manager.GetByLabel("Approved amount (EUR)").FillAsync("250000.00");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Add a tranche" }).ClickAsync();
        await FillTrancheAsync(manager, 1, "100000.00", "Pilot with a utility", days: 30);
        await FillTrancheAsync(manager, 2, "150000.00", "Forecasts in production", days: 120);
        await Screenshots.SaveAsync(manager, "manager-approve-tranches");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Approve the application" }).ClickAsync();
        await ExpectDoneAsync(manager, "The application was approved and the money reserved.");
        await Expect(manager.GetByTestId("application-approved")).ToHaveTextAsync("250,000.00 EUR");

        await startup.GotoAsync("/app/applications/de-app-nordlicht");
        await startup.GetByRole(AriaRole.Button, new() { Name = "Accept the offer" }).ClickAsync();
        await ExpectDoneAsync(startup, "You accepted the offer.");

        await manager.GotoAsync("/app/review/de-app-nordlicht");
        await PayTrancheAsync(manager, 1, "SEPA-NORDLICHT-1");
        await ExpectRefusalAsync(manager, "tranche.matching_not_met", "The co-investment received does not yet cover this tranche's matching band.");

        var coInvestment = manager.Locator("form", new() { Has = manager.GetByRole(AriaRole.Button, new() { Name = "Record the co-investment" }) });
        await coInvestment.GetByLabel("Investor id").FillAsync("nordlicht-angels");
        await coInvestment.GetByLabel("Investor name").FillAsync("Nordlicht angels");
        await coInvestment.GetByLabel("Amount received (EUR)").FillAsync("250000.00");
        await coInvestment.GetByRole(AriaRole.Button).ClickAsync();
        await ExpectDoneAsync(manager, "The co-investment was recorded.");

        // The first tranche is paid on signing; every later one waits for its verified milestone.
        await PayTrancheAsync(manager, 1, "SEPA-NORDLICHT-1");
        await ExpectDoneAsync(manager, "The tranche was paid.");
        await Expect(manager.GetByTestId("tranche-1-paid")).ToHaveTextAsync("Yes");
        await Expect(manager.GetByTestId("application-paid")).ToHaveTextAsync("100,000.00 EUR");
        await PayTrancheAsync(manager, 2, "SEPA-NORDLICHT-2");
        await ExpectRefusalAsync(manager, "tranche.milestone_not_verified", "The milestone of this tranche is not verified yet: it cannot be paid.");
        await Expect(manager.GetByTestId("tranche-2-paid")).ToHaveTextAsync("No");
        await Screenshots.SaveAsync(manager, "manager-refusal-milestone");

        await startup.GotoAsync("/app/applications/de-app-nordlicht");
        await startup.GetByLabel("Evidence that the milestone is reached").FillAsync("Forecasts used by two utilities.");
        await startup.GetByRole(AriaRole.Button, new() { Name = "Report the milestone" }).ClickAsync();
        await ExpectDoneAsync(startup, "The milestone was reported; the fund will verify it.");

        await manager.GotoAsync("/app/review/de-app-nordlicht");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Verify the milestone of tranche 2" }).ClickAsync();
        await ExpectDoneAsync(manager, "The milestone was verified.");
        await PayTrancheAsync(manager, 2, "SEPA-NORDLICHT-2");
        await ExpectDoneAsync(manager, "The tranche was paid.");
        await Expect(manager.GetByTestId("tranche-2-paid")).ToHaveTextAsync("Yes");
        await Expect(manager.GetByTestId("application-paid")).ToHaveTextAsync("250,000.00 EUR");
        await Expect(manager.GetByTestId("application-status")).ToHaveTextAsync("Fully paid");
        await Screenshots.SaveAsync(manager, "manager-paid");

        await startup.GotoAsync("/app/applications/de-app-nordlicht");
        await Expect(startup.GetByTestId("application-paid")).ToHaveTextAsync("250,000.00 EUR");
        await Expect(startup.Locator("ol.timeline li[data-event-type=tranche-disbursed]")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Paying_more_cash_than_the_fund_holds_is_refused_and_nothing_is_paid()
    {
        var eur = Currency.Eur;
        var setup = new LedgerSetup(app.Database);
        await setup.OpenLeanFundAsync("de-lean-fund", "DE", committed: Money.Parse("1000000.00", eur), cash: Money.Parse("50000.00", eur));
        await setup.ReadyToPayAsync("de-app-lean", "de-lean-fund", "DE", Money.Parse("200000.00", eur));
        await using var tab = await app.OpenTabAsync(signedInAs: "manager-de");
        var page = tab.Page;

        await page.GotoAsync("/app/review/de-app-lean");
        await PayTrancheAsync(page, 1, "SEPA-LEAN-1");

        await ExpectRefusalAsync(page, "fund.insufficient_cash", "The fund has not enough cash on hand to pay this tranche.");
        await Expect(page.GetByTestId("tranche-1-paid")).ToHaveTextAsync("No");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page, "the review page with a refusal");
        (await app.Database.ScalarAsync<long>(
            "select count(*) from eventstore.events where stream_id in ('application:de-app-lean', 'fund:de-lean-fund') and type in ('tranche-disbursed', 'funds-disbursed')")).ShouldBe(0);
    }

    [Fact]
    public async Task Enter_in_the_tranche_editor_approves_and_removes_no_row()
    {
        await using var tab = await app.OpenTabAsync(signedInAs: "manager-de");
        var page = tab.Page;
        await page.GotoAsync("/app/review/de-app-quanta");
        await page.GetByLabel("Approved amount (EUR)").FillAsync("500000.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a tranche" }).ClickAsync();
        await FillTrancheAsync(page, 1, "200000.00", "Pilot", days: 30);
        await FillTrancheAsync(page, 2, "300000.00", "Production", days: 120);

        await page.GetByTestId("tranche-row-1").GetByLabel("Tranche 1 milestone").PressAsync("Enter");

        // Quanta has no reviewer score yet, so the API refuses the approval: its refusal shows Enter sent the approval.
        await Expect(page.Locator("[role=alert][data-code^='approval.']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tranche-row-2")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tranche-row-1").GetByLabel("Tranche 1 milestone")).ToHaveValueAsync("Pilot");
    }

    private static async Task FillTrancheAsync(IPage page, int number, string amount, string milestone, int days)
    {
        var row = page.GetByTestId($"tranche-row-{number}");
        await row.GetByLabel($"Tranche {number} amount (EUR)").FillAsync(amount);
        await row.GetByLabel($"Tranche {number} milestone").FillAsync(milestone);
        await row.GetByLabel($"Tranche {number} due date").FillAsync(DateTime.UtcNow.Date.AddDays(days).ToString("yyyy-MM-dd", null));
    }

    private static async Task PayTrancheAsync(IPage page, int number, string reference)
    {
        var pay = page.GetByRole(AriaRole.Button, new() { Name = $"Pay tranche {number}" });
        var form = page.Locator("form", new() { Has = pay });
        await form.GetByLabel("Payment reference").FillAsync(reference);
        await pay.ClickAsync();
    }

    private static Task ExpectDoneAsync(IPage page, string message) =>
        Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = message })).ToBeVisibleAsync();

    private static async Task ExpectRefusalAsync(IPage page, string code, string message)
    {
        var alert = page.Locator($"[role=alert][data-code='{code}']");
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync(message);
    }
}

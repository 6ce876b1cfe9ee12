using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using StartupFund.Security;
using static StartupFund.Web.Tests.Html;

namespace StartupFund.Web.Tests;

/// <summary>A co-investor follows the applications it invests in and records the money it sends; it is offered nothing it may not do.</summary>
public sealed class CoInvestorTests(WebFactory factory) : IClassFixture<WebFactory>
{
    private const string Angel = "de-app-aleph-angel";

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_co_investor_sees_what_it_still_owes_and_is_told_the_fund_books_its_transfers()
    {
        // The fund manager records a further commitment of the angel syndicate, not yet received.
        await CommitThroughTheApiAsync("manager-de", "de-app-aleph", Angel, "Angel syndicate", "500.00", "EUR");

        using var session = factory.Session();
        await session.SignInAsync("co-investor-aleph");
        var (_, home) = await session.GetAsync("/app");
        home.ShouldContain("href=\"/app/investments\"");
        var (_, list) = await session.GetAsync("/app/investments");
        list.ShouldContain("href=\"/app/applications/de-app-aleph\"");
        list.ShouldNotContain("de-app-lumen");
        TestId(list, "outstanding-de-app-aleph").ShouldBe("500.00 EUR");
        TestId(list, "fund-de-app-aleph").ShouldStartWith("German AI Seed Fund");

        var (_, html) = await session.GetAsync("/app/applications/de-app-aleph");
        html.ShouldNotContain("data-testid=\"next-step\"");
        html.ShouldNotContain("Report the milestone");
        // Money received unlocks public money, so only the fund's managers book it: no form for the investor.
        TestId(html, "outstanding").ShouldContain("500.00 EUR");
        TestId(html, "outstanding").ShouldContain("managers book each transfer");
        html.ShouldNotContain("/receipts");
        html.ShouldNotContain("name=\"valueDate\"");
    }

    [Fact]
    public async Task A_manager_records_money_received_against_an_earlier_commitment()
    {
        await CommitThroughTheApiAsync("manager-ke", "ke-app-mpesa", "ke-receipt-angel", "Nairobi Angels", "1000000.00", "KES");

        using var manager = factory.Session();
        await manager.SignInAsync("manager-ke");
        const string page = "/app/review/ke-app-mpesa";
        var (_, html) = await manager.GetAsync(page);
        html.ShouldContain("Record money received against a commitment");
        html.ShouldContain("<option value=\"ke-receipt-angel\"");
        html.ShouldContain("Nairobi Angels: 1,000,000.00 KES outstanding");
        var before = await factory.EventCountAsync();

        var forged = await manager.PostFormAsync(page, page, new()
        {
            ["investorId"] = "someone-else", ["amount.amount"] = "400000.00", ["valueDate"] = Today, ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, handler: "receipt");
        (await forged.Content.ReadAsStringAsync()).ShouldContain("data-code=\"form.choice_unknown\"");
        (await factory.EventCountAsync()).ShouldBe(before, "a choice the page did not offer sends nothing");

        var received = await manager.PostFormAsync(page, page, new()
        {
            ["investorId"] = "ke-receipt-angel", ["amount.amount"] = "400000.00", ["valueDate"] = Today, ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, handler: "receipt");
        received.StatusCode.ShouldBe(HttpStatusCode.Redirect, await received.Content.ReadAsStringAsync());
        (await factory.EventCountAsync()).ShouldBe(before + 1, "the receipt alone: no new commitment");
        (_, html) = await manager.GetAsync(page);
        html.ShouldContain("The money received was recorded.");
        html.ShouldContain("Nairobi Angels: 600,000.00 KES outstanding");
    }

    [Fact]
    public async Task A_co_investor_is_not_offered_the_startups_or_the_funds_forms()
    {
        using var session = factory.Session();
        await session.SignInAsync("co-investor-aleph");
        var (_, html) = await session.GetAsync("/app/applications/de-app-aleph");
        html.ShouldNotContain("Report the milestone");
        var (status, review) = await session.GetAsync("/app/review/de-app-aleph");
        status.ShouldBe(HttpStatusCode.OK);
        review.ShouldContain("data-testid=\"read-only\"");
        review.ShouldNotContain("name=\"_handler\"");
    }

    /// <summary>A co-investor's commitment, not yet received, recorded by a fund manager through the API.</summary>
    private async Task CommitThroughTheApiAsync(string manager, string application, string investorId, string investorName, string amount, string currency)
    {
        using var api = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(DemoIdentities.Find(manager)!.Identity));
        api.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var committed = await api.PostAsJsonAsync($"/applications/{application}/co-investments",
            new { investorId, investorName, amount = new { amount, currency } });
        committed.StatusCode.ShouldBe(HttpStatusCode.OK, await committed.Content.ReadAsStringAsync());
    }

    private string Token(TokenIdentity identity) =>
        new LocalTokens(factory.Services.GetRequiredService<AuthOptions>(), SystemClock.Instance).Mint(identity);
}

using System.Net;

namespace StartupFund.Web.Tests;

/// <summary>
/// A manager corrects a co-investment booked wrongly, from the review page. Its own database, as it changes a demo
/// investor's figures.
/// </summary>
public sealed class CoInvestmentCorrectionTests(WebFactory factory) : IClassFixture<WebFactory>
{
    private const string Page = "/app/review/jp-app-kaze";

    [Fact]
    public async Task A_manager_reverses_money_that_did_not_arrive_and_reduces_the_commitment()
    {
        using var manager = factory.Session();
        await manager.SignInAsync("manager-jp");
        var (_, before) = await manager.GetAsync(Page);
        before.ShouldContain("<option value=\"jp-app-kaze-angel\">Angel syndicate: 32,857,143 JPY committed, 32,857,143 JPY received</option>");

        // More than was received: refused beside its rule, nothing written, the typed amounts kept.
        var events = await factory.EventCountAsync();
        using (var refused = await manager.PostFormAsync(Page, Page, Form("40000000", "", "Typo"), handler: "fix"))
        {
            var html = await refused.Content.ReadAsStringAsync();
            refused.StatusCode.ShouldBe(HttpStatusCode.OK, html);
            html.ShouldContain("data-code=\"coinvestment.correction_exceeds_received\"");
            html.ShouldContain("value=\"40000000\"");
        }

        (await factory.EventCountAsync()).ShouldBe(events);

        using (var done = await manager.PostFormAsync(Page, Page, Form("1,000,000", "1,000,000", "Booked twice"), handler: "fix"))
        {
            done.StatusCode.ShouldBe(HttpStatusCode.Redirect, await done.Content.ReadAsStringAsync());
        }

        var (_, after) = await manager.GetAsync(Page);
        after.ShouldContain("<option value=\"jp-app-kaze-angel\">Angel syndicate: 31,857,143 JPY committed, 31,857,143 JPY received</option>");
        after.ShouldContain("data-event-type=\"co-investment-corrected\"");
        after.ShouldContain("Co-investment booking corrected");
    }

    private static Dictionary<string, string> Form(string reversed, string reduced, string reason) => new()
    {
        ["investorId"] = "jp-app-kaze-angel",
        ["receivedReversed.amount"] = reversed,
        ["commitmentReduced.amount"] = reduced,
        ["reason"] = reason,
        ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
    };
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using static StartupFund.Web.Tests.Html;

namespace StartupFund.Web.Tests;

/// <summary>
/// A payment valued ahead has left the fund's books but not yet reached the startup: the tranche table says
/// so and shows the value date, rather than a plain "Yes". Its own database, as it pays a demo tranche.
/// </summary>
public sealed class ValueDateAheadTests(WebFactory factory) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task A_tranche_paid_with_a_value_date_ahead_shows_as_sent_with_its_date()
    {
        // Kaze's second tranche (30,000,000 JPY): the startup reports, the manager verifies, the co-investment the
        // bands ask for arrives (62,857,143 in all for 80,000,000 of public money), and the payment is valued in three days.
        using var startup = factory.Session();
        await startup.SignInWithTokenAsync(new Security.LocalTokens(factory.Services.GetRequiredService<Security.AuthOptions>(), NodaTime.SystemClock.Instance)
            .Mint(new Security.TokenIdentity("test-jp-co-kaze", [Security.Roles.Startup], StartupId: "jp-co-kaze")));
        const string mine = "/app/applications/jp-app-kaze";
        (await startup.PostFormAsync(mine, mine, new() { ["tranche"] = "2", ["evidence"] = "Pilot line running.", ["idempotencyKey"] = Key() }, handler: "report"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var manager = factory.Session();
        await manager.SignInAsync("manager-jp");
        const string page = "/app/review/jp-app-kaze";
        await ExpectDoneAsync(manager.PostFormAsync(page, page, new() { ["tranche"] = "2", ["note"] = "Seen.", ["idempotencyKey"] = Key() }, handler: "verify-2"));
        await ExpectDoneAsync(manager.PostFormAsync(page, page, new()
        {
            ["investorId"] = "jp-late-vc", ["investorName"] = "Late VC", ["amount.amount"] = "30000000", ["valueDate"] = Day(0), ["idempotencyKey"] = Key(),
        }, handler: "coinvest"));
        await ExpectDoneAsync(manager.PostFormAsync(page, page, new()
        {
            ["tranche"] = "2", ["valueDate"] = Day(3), ["paymentReference"] = "JP-AHEAD-2", ["idempotencyKey"] = Key(),
        }, handler: "disburse"));

        var (_, html) = await manager.GetAsync(page);
        TestId(html, "tranche-2-paid").ShouldBe("Sent, value date ahead");
        TestId(html, "tranche-2-paid-on").ShouldBe(DateTime.UtcNow.AddDays(3).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        TestId(html, "tranche-1-paid").ShouldBe("Yes");
        TestId(html, "application-fund").ShouldStartWith("Japan Deep Tech AI Fund");   // the fund's name, not only its id
    }

    private static async Task ExpectDoneAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    private static string Day(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Key() => Guid.NewGuid().ToString("N");
}

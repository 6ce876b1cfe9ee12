using System.Net;
using static StartupFund.Web.Tests.Html;

namespace StartupFund.Web.Tests;

/// <summary>
/// Changing course in the web app: the startup amends or withdraws a pending application, the manager
/// reverses a payment that came back or cancels an unpaid remainder. The final steps need their box ticked.
/// </summary>
public sealed class CorrectionTests(WebFactory factory) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task A_startup_changes_only_what_it_edits_and_withdraws_once_it_confirms()
    {
        using var session = factory.Session();
        await session.SignInAsync("startup-nordlicht");
        const string page = "/app/applications/de-app-nordlicht";
        var (_, html) = await session.GetAsync(page);
        InputValue(html, "amend-f-requested-amount").ShouldBe("250000.00");
        var before = await factory.EventCountAsync();

        var unchanged = await session.PostFormAsync(page, page, Amendment("250000.00"), handler: "amend");
        (await unchanged.Content.ReadAsStringAsync()).ShouldContain("data-code=\"application.amendment_empty\"");
        (await factory.EventCountAsync()).ShouldBe(before);

        // The German fund's smallest ticket is 100,000.00 EUR: a smaller request could never be approved.
        var belowTicket = await (await session.PostFormAsync(page, page, Amendment("90000.00"), handler: "amend")).Content.ReadAsStringAsync();
        belowTicket.ShouldContain("<p class=\"field-error\" id=\"e-requested-amount\"><span data-code=\"application.below_ticket_minimum\">");
        (await factory.EventCountAsync()).ShouldBe(before);

        var changed = await session.PostFormAsync(page, page, Amendment("240000.00"), handler: "amend");
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await changed.Content.ReadAsStringAsync());
        (await factory.EventCountAsync()).ShouldBe(before + 1);
        (_, html) = await session.GetAsync(page);
        TestId(html, "application-requested").ShouldBe("240,000.00 EUR");
        html.ShouldContain("data-event-type=\"application-amended\"");
        WebUtility.HtmlDecode(html).ShouldContain("Requested: 250,000.00 EUR → 240,000.00 EUR");

        // An amount typed another way that is the same amount changes nothing: refused, nothing recorded.
        var same = await session.PostFormAsync(page, page, Amendment("240,000"), handler: "amend");
        (await same.Content.ReadAsStringAsync()).ShouldContain("data-code=\"application.amendment_empty\"");
        (await factory.EventCountAsync()).ShouldBe(before + 1);

        // A required term emptied is refused beside its field, not quietly kept.
        var emptied = Amendment("230000.00");
        emptied["sector"] = "";
        var refusedSector = await (await session.PostFormAsync(page, page, emptied, handler: "amend")).Content.ReadAsStringAsync();
        refusedSector.ShouldContain("<p class=\"field-error\" id=\"e-sector\"><span data-code=\"text.required\">");
        (await factory.EventCountAsync()).ShouldBe(before + 1);

        var unticked = await session.PostFormAsync(page, page, new() { ["reason"] = "We raised privately.", ["idempotencyKey"] = Key() }, handler: "withdraw");
        var refused = await unticked.Content.ReadAsStringAsync();
        refused.ShouldContain("data-code=\"form.confirm_required\"");
        refused.ShouldContain("We raised privately.");
        (await factory.EventCountAsync()).ShouldBe(before + 1);

        var ticked = await session.PostFormAsync(page, page, new() { ["reason"] = "We raised privately.", ["confirm"] = "yes", ["idempotencyKey"] = Key() }, handler: "withdraw");
        ticked.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ticked.Content.ReadAsStringAsync());
        (_, html) = await session.GetAsync(page);
        TestId(html, "application-status").ShouldBe("Withdrawn");
        html.ShouldContain("You withdrew this application. You may apply again with a new application.");
        html.ShouldContain("<a class=\"button\" href=\"/app/apply\">");
        html.ShouldNotContain("name=\"_handler\"");
    }

    [Fact]
    public async Task A_manager_reverses_the_last_payment_and_cancels_a_remainder_once_confirmed()
    {
        using var manager = factory.Session();
        await manager.SignInAsync("manager-ke");
        const string paid = "/app/review/ke-app-shamba";
        var (_, html) = await manager.GetAsync(paid);
        html.ShouldContain("Reverse the payment of tranche 2 (");
        html.ShouldNotContain("Reverse the payment of tranche 1");

        InputValue(html, "reverse-f-valueDate").ShouldBe(Today(), "the day the money came back, today unless changed");
        var before = await factory.EventCountAsync();

        var undated = await manager.PostFormAsync(paid, paid, new() { ["tranche"] = "2", ["reason"] = "Returned by the bank.", ["valueDate"] = "", ["confirm"] = "yes", ["idempotencyKey"] = Key() }, handler: "reverse");
        var undatedHtml = await undated.Content.ReadAsStringAsync();
        undatedHtml.ShouldContain("id=\"e-valueDate\"");
        undatedHtml.ShouldContain("data-code=\"text.required\"");
        (await factory.EventCountAsync()).ShouldBe(before, "an emptied date is refused, not taken for today");

        var unticked = await manager.PostFormAsync(paid, paid, new() { ["tranche"] = "2", ["reason"] = "Returned by the bank.", ["idempotencyKey"] = Key() }, handler: "reverse");
        (await unticked.Content.ReadAsStringAsync()).ShouldContain("data-code=\"form.confirm_required\"");
        (await factory.EventCountAsync()).ShouldBe(before);

        var reversed = await manager.PostFormAsync(paid, paid, new() { ["tranche"] = "2", ["reason"] = "Returned by the bank.", ["valueDate"] = Today(), ["confirm"] = "yes", ["idempotencyKey"] = Key() }, handler: "reverse");
        reversed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await reversed.Content.ReadAsStringAsync());
        (await factory.EventCountAsync()).ShouldBe(before + 2, "the application's reversal and the fund's");
        (_, html) = await manager.GetAsync(paid);
        TestId(html, "application-status").ShouldBe("Active");
        TestId(html, "tranche-2-paid").ShouldBe("No");
        html.ShouldContain("The payment was reversed; the tranche can be paid again.");
        html.ShouldContain("Reverse the payment of tranche 1 (");

        using var kuwait = factory.Session();
        await kuwait.SignInAsync("manager-kw");
        const string offered = "/app/review/kw-app-dana";
        (_, html) = await kuwait.GetAsync(offered);
        html.ShouldContain("Cancel the unpaid remainder (100,000.000 KWD)");
        var cancelled = await kuwait.PostFormAsync(offered, offered, new() { ["reason"] = "The startup closed.", ["confirm"] = "yes", ["idempotencyKey"] = Key() }, handler: "cancel");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect, await cancelled.Content.ReadAsStringAsync());
        (_, html) = await kuwait.GetAsync(offered);
        TestId(html, "application-status").ShouldBe("Cancelled");
        TestId(html, "no-actions").ShouldBe("Nothing for the fund to do on this application now.");
    }

    private static Dictionary<string, string> Amendment(string amount) => new()
    {
        ["sector"] = "Climate",
        ["stage"] = "preSeed",
        ["instrument"] = "equity",
        ["requested.amount"] = amount,
        ["summary"] = "Nordlicht Energy applies for AI seed funding.",
        ["idempotencyKey"] = Key(),
    };

    private static string Key() => Guid.NewGuid().ToString("N");

    private static string Today() => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

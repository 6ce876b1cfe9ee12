using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StartupFund.Browser.Tests.Infrastructure;
using StartupFund.Domain.Values;
using static Microsoft.Playwright.Assertions;

namespace StartupFund.Browser.Tests;

/// <summary>A regulator goes back in time, verifies the hash chains and takes the export away.</summary>
[Collection(SharedWebApp.Name)]
public sealed partial class RegulatorTests(WebApp app)
{
    [Fact]
    public async Task A_regulator_filters_the_log_and_opens_a_streams_history_with_its_hashes()
    {
        await using var tab = await app.OpenTabAsync(signedInAs: "regulator-de");
        var page = tab.Page;
        await page.GotoAsync("/app/audit");

        await page.GetByLabel("Stream", new() { Exact = true }).FillAsync("fund:de-ai-fund");
        await page.GetByLabel("Event type").SelectOptionAsync(new SelectOptionValue { Value = "capital-received" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter the log" }).ClickAsync();

        var rows = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link) });
        await Expect(rows).ToHaveCountAsync(2);
        foreach (var row in await rows.AllAsync())
        {
            await Expect(row).ToContainTextAsync("Capital received");
            await Expect(row).ToContainTextAsync("fund:de-ai-fund");
        }

        await rows.First.GetByRole(AriaRole.Link, new() { Name = "fund:de-ai-fund" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stream fund:de-ai-fund", Level = 1 })).ToBeVisibleAsync();
        var version = int.Parse((await page.GetByTestId("stream-version").TextContentAsync())!, null);
        await Expect(page.GetByTestId("stream-head")).ToHaveTextAsync(Sha256Hex());
        await Expect(page.GetByTestId($"hash-{version}")).ToHaveTextAsync((await page.GetByTestId("stream-head").TextContentAsync())!);

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify this stream's hash chain" }).ClickAsync();
        await Expect(page.GetByTestId("verify-result")).ToHaveAttributeAsync("data-clean", "true");
    }

    [Fact]
    public async Task A_past_date_shows_the_figures_of_that_day_not_todays()
    {
        // Recorded today: the seed (recorded weeks ago) had received 400,000,000.00 KES in Kenya.
        await new LedgerSetup(app.Database).ReceiveCapitalAsync("ke-ai-fund", "ke-treasury", "ke-treasury-call-today", Money.Parse("10000000.00", new Currency("KES")));
        await using var tab = await app.OpenTabAsync(signedInAs: "regulator-global");
        var page = tab.Page;
        await page.GotoAsync("/app/countries/KE");
        var received = page.GetByTestId("balance-KES-received");
        await Expect(received).ToHaveTextAsync("410,000,000.00 KES");
        await Expect(page.GetByTestId("as-of")).ToHaveCountAsync(0);

        await page.GetByLabel("As of date (UTC)").FillAsync(DemoData.QuietDay.ToString("yyyy-MM-dd", null));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show figures as of this date" }).ClickAsync();

        await Expect(page.GetByTestId("as-of")).ToContainTextAsync("Showing the figures as they were on");
        await Expect(received).ToHaveTextAsync("400,000,000.00 KES");
        await Screenshots.SaveAsync(page, "regulator-as-of");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to today's figures" }).ClickAsync();
        await Expect(received).ToHaveTextAsync("410,000,000.00 KES");
    }

    [Fact]
    public async Task A_regulator_verifies_the_hash_chains_and_downloads_the_export_of_their_country()
    {
        await using var tab = await app.OpenTabAsync(signedInAs: "regulator-de");
        var page = tab.Page;
        await page.GotoAsync("/app/audit/verify");

        await page.GetByLabel("Countries to verify").SelectOptionAsync(new SelectOptionValue { Value = "DE" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the hash chains" }).ClickAsync();

        var result = page.GetByTestId("verify-result");
        await Expect(result).ToHaveAttributeAsync("data-clean", "true");
        await Expect(result).ToContainTextAsync("Every hash chain verifies.");
        await Expect(page.GetByTestId("digest")).ToHaveTextAsync(new Regex("^[0-9]+:[0-9a-f]{64}$"));
        await Screenshots.SaveAsync(page, "regulator-verify");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download the export (DE)" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"sf-export-{Guid.NewGuid():N}.jsonl");
        try
        {
            await download.SaveAsAsync(path);
            var lines = await File.ReadAllLinesAsync(path);
            lines.Length.ShouldBeGreaterThan(10);
            var text = string.Join('\n', lines);
            text.ShouldContain("fund:de-ai-fund");
            text.ShouldNotContain("fund:ke-ai-fund");
            foreach (var line in lines.Where(l => l.Length > 0))
            {
                using var parsed = JsonDocument.Parse(line);
                parsed.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}

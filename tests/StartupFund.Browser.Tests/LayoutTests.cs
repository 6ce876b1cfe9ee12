using StartupFund.Browser.Tests.Infrastructure;

namespace StartupFund.Browser.Tests;

/// <summary>
/// The pages keep their shape on a laptop and on a phone: the page never scrolls sideways, side-by-side
/// blocks never overlap, and a table wider than its place scrolls inside its frame.
/// </summary>
[Collection(SharedWebApp.Name)]
public sealed class LayoutTests(WebApp app)
{
    /// <summary>Reports every way the page in the tab breaks its layout (an empty list when it keeps it).</summary>
    private const string LayoutProblems = """
        () => {
          const problems = [];
          const page = document.documentElement;
          if (page.scrollWidth > window.innerWidth + 1) {
            problems.push(`the page scrolls sideways: ${page.scrollWidth}px wide in a ${window.innerWidth}px window`);
          }
          const overlaps = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          for (const grid of document.querySelectorAll('.grid-2, .actions, .cards')) {
            const items = [...grid.children];
            items.forEach((item, i) => {
              const box = item.getBoundingClientRect();
              items.slice(i + 1).forEach((other, j) => {
                if (overlaps(box, other.getBoundingClientRect())) {
                  problems.push(`items ${i} and ${i + j + 1} of .${grid.className} overlap`);
                }
              });
              if (item.scrollWidth > item.clientWidth + 1 && getComputedStyle(item).overflowX === 'visible') {
                problems.push(`item ${i} of .${grid.className} spills ${item.scrollWidth - item.clientWidth}px beyond its column`);
              }
            });
          }
          for (const table of document.querySelectorAll('main table')) {
            const frame = table.parentElement;
            if (!frame.classList.contains('table-frame')) {
              problems.push(`a table (${table.caption?.textContent?.trim()}) has no scrolling frame`);
            }
          }
          return problems;
        }
        """;

    public static TheoryData<string, string, int> Pages
    {
        get
        {
            var pages = new TheoryData<string, string, int>();
            foreach (var width in new[] { 1280, 375 })
            {
                pages.Add("manager-de", "/app/countries/DE", width);
                pages.Add("regulator-global", "/app/countries/KE", width);
                pages.Add("manager-de", "/app/review", width);
                pages.Add("manager-de", "/app/review/de-app-aleph", width);
                pages.Add("startup-aleph", "/app/applications/de-app-aleph", width);
                pages.Add("co-investor-aleph", "/app/investments", width);
                pages.Add("regulator-de", "/app/audit?country=DE", width);
                pages.Add("regulator-de", "/app/audit/streams/fund:de-ai-fund", width);
                pages.Add("regulator-de", "/app/audit/verify?run=1&country=DE", width);
                pages.Add("regulator-de", "/app/audit/verify?country=DE&digest=1:" + new string('0', 64), width);
            }

            return pages;
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_keeps_its_shape(string identity, string path, int width)
    {
        await using var tab = await app.OpenTabAsync(signedInAs: identity);
        var page = tab.Page;
        await page.SetViewportSizeAsync(width, 800);
        await page.GotoAsync(path);

        var problems = await page.EvaluateAsync<string[]>(LayoutProblems);

        problems.ShouldBeEmpty($"{path} at {width}px");
    }
}

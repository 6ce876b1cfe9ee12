namespace StartupFund.Api.Tests.Support;

/// <summary>Request bodies the tests share.</summary>
public static class Builders
{
    public static object Money(string amount, string currency) => new { amount, currency };

    public static object Fund(string id, string country, string currency, string ticketMin, string ticketMax, object matching, int scores = 0) => new
    {
        id,
        country,
        name = $"Fund {id}",
        currency,
        policy = new { ticketMin = Money(ticketMin, currency), ticketMax = Money(ticketMax, currency), matching, minimumReviewerScores = scores },
    };

    public static object Application(string id, string fundId, string country, string requested, string currency, string sector = "AI", string stage = "seed") => new
    {
        id,
        fundId,
        startup = new { name = "Startup " + id, registrationNumber = "REG-" + id, country },
        sector,
        stage,
        instrument = "equity",
        requested = Money(requested, currency),
        summary = "We build useful AI.",
    };

    /// <summary>Opens a fund with one government sponsor whose whole commitment is called and received.</summary>
    public static async Task OpenFundedAsync(Scenario s, string id, string country, string currency, string committed, object? matching = null, string ticketMin = "1", string ticketMax = "1000000000", int scores = 0)
    {
        await s.Post("/funds", Fund(id, country, currency, ticketMin, ticketMax, matching ?? new { preset = "none" }, scores)).Expect(201);
        await s.Post($"/funds/{id}/commitments", new { sponsorId = "gov", sponsorName = "Government", kind = "government", amount = Money(committed, currency) }).Expect(200);
        await s.Post($"/funds/{id}/capital-calls", new { callId = "c1", sponsorId = "gov", amount = Money(committed, currency), dueDate = "2026-04-01" }).Expect(200);
        await s.Post($"/funds/{id}/capital-calls/c1/receipts", new { amount = Money(committed, currency), valueDate = "2026-03-02" }).Expect(200);
    }

    public static async Task ReviewedAsync(Scenario s, string id, string fundId, string country, string requested, string currency)
    {
        await s.Post("/applications", Application(id, fundId, country, requested, currency)).Expect(201);
        await s.Post($"/applications/{id}/review").Expect(200);
    }

    public static object Approval(string currency, params string[] tranches) => new
    {
        amount = Money(SumOf(tranches), currency),
        tranches = tranches.Select((t, i) => new { amount = Money(t, currency), milestone = $"Milestone {i + 1}", dueDate = $"2026-{6 + i:00}-01" }).ToArray(),
    };

    private static string SumOf(string[] amounts)
    {
        var total = amounts.Select(a => decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).Sum();
        var decimals = amounts[0].Contains('.', StringComparison.Ordinal) ? amounts[0].Length - amounts[0].IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        return total.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
    }
}

using System.Globalization;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>A fund the load works on: its country and currency (with the currency's decimals).</summary>
public sealed record FundSpec(string Id, string Country, string Currency, int Decimals)
{
    /// <summary>Three countries, three kinds of minor unit: EUR 2 decimals, JPY none, KWD 3.</summary>
    public static IReadOnlyList<FundSpec> Shared { get; } =
    [
        new("rl-de", "DE", "EUR", 2),
        new("rl-jp", "JP", "JPY", 0),
        new("rl-kw", "KW", "KWD", 3),
    ];

    public static IReadOnlyList<string> Countries => [.. Shared.Select(f => f.Country)];

    /// <summary>A whole number of major units as the API's exact decimal string ("1250.00", "1250", "1250.000").</summary>
    public string Amount(long majorUnits) =>
        majorUnits.ToString(CultureInfo.InvariantCulture) + (Decimals == 0 ? "" : "." + new string('0', Decimals));

    public string Money(long majorUnits) => $$"""{"amount":"{{Amount(majorUnits)}}","currency":"{{Currency}}"}""";

    public string OpenBody(string? id = null) => $$"""
        {"id":"{{id ?? Id}}","country":"{{Country}}","name":"Reliability fund {{id ?? Id}}","currency":"{{Currency}}",
         "policy":{"ticketMin":{{Money(1)}},"ticketMax":{{Money(1_000_000_000)}},"matching":{"preset":"none"},"minimumReviewerScores":0} }
        """;

    /// <summary>Open, commit, call and receive: a fund with money to approve and pay, as the load's opening step does.</summary>
    public IEnumerable<ApiRequest> OpenAndFund(string id, long committed, long called) =>
    [
        ApiRequest.Command("/funds", Identities.Admin, OpenBody(id)),
        ApiRequest.Command($"/funds/{id}/commitments", Identities.Admin,
            $$"""{"sponsorId":"gov","sponsorName":"Government","kind":"government","amount":{{Money(committed)}}}"""),
        ApiRequest.Command($"/funds/{id}/capital-calls", Identities.FundManager(Country),
            $$"""{"callId":"c0","sponsorId":"gov","amount":{{Money(called)}},"dueDate":"{{Dates.InDays(30)}}"}"""),
        ApiRequest.Command($"/funds/{id}/capital-calls/c0/receipts", Identities.FundManager(Country),
            $$"""{"amount":{{Money(called)}},"valueDate":"{{Dates.InDays(0)}}"}"""),
    ];
}

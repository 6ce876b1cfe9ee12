namespace StartupFund.Reliability.Tests.Harness;

/// <summary>
/// The load's realistic mix, as the people who use the API act: admins open and fund funds, managers
/// call capital, take applications through review, approval and payment, and book the co-investment
/// that arrives, startups apply, amend, accept and report milestones. Each workflow is a list of commands a
/// client sends in order, each only after the one before it was acknowledged.
/// </summary>
public static class Workflows
{
    public static IReadOnlyList<ApiRequest> Next(Random random, string prefix)
    {
        ArgumentNullException.ThrowIfNull(random);
        var fund = FundSpec.Shared[random.Next(FundSpec.Shared.Count)];
        var roll = random.Next(100);
        return roll switch
        {
            < 8 => fund.OpenAndFund(prefix + "-fund", committed: 10_000_000, called: 1_000_000).ToList(),
            < 18 => TopUp(fund, prefix),
            < 70 => Application(fund, prefix, random, ending: Ending.Paid),
            < 78 => Application(fund, prefix, random, ending: Ending.Withdrawn),
            < 86 => Application(fund, prefix, random, ending: Ending.Rejected),
            < 92 => Application(fund, prefix, random, ending: Ending.Declined),
            < 96 => Application(fund, prefix, random, ending: Ending.Reversed),
            _ => Application(fund, prefix, random, ending: Ending.Cancelled),
        };
    }

    private enum Ending
    {
        Paid,
        Withdrawn,
        Rejected,
        Declined,
        Reversed,
        Cancelled,
    }

    private static List<ApiRequest> TopUp(FundSpec fund, string prefix)
    {
        var manager = Identities.FundManager(fund.Country);
        return
        [
            ApiRequest.Command($"/funds/{fund.Id}/capital-calls", manager,
                $$"""{"callId":"{{prefix}}-call","sponsorId":"gov","amount":{{fund.Money(1_000)}},"dueDate":"{{Dates.InDays(30)}}"}"""),
            ApiRequest.Command($"/funds/{fund.Id}/capital-calls/{prefix}-call/receipts", manager,
                $$"""{"amount":{{fund.Money(1_000)}},"valueDate":"{{Dates.InDays(0)}}"}"""),
        ];
    }

    private static List<ApiRequest> Application(FundSpec fund, string prefix, Random random, Ending ending)
    {
        var app = prefix + "-app";
        var startupId = prefix + "-startup";
        var investorId = prefix + "-angel";
        var startup = Identities.Startup(startupId);
        var manager = Identities.FundManager(fund.Country);
        var first = 100 + random.Next(900);
        var second = 100 + random.Next(900);
        var steps = new List<ApiRequest>
        {
            ApiRequest.Command("/applications", startup, $$"""
                {"id":"{{app}}","fundId":"{{fund.Id}}",
                 "startup":{"startupId":"{{startupId}}","name":"Startup {{prefix}}","registrationNumber":"REG-{{prefix}}","country":"{{fund.Country}}"},
                 "sector":"AI","stage":"seed","instrument":"equity","requested":{{fund.Money(first + second)}},"summary":"Small models for local languages."}
                """),
        };
        if (random.Next(4) == 0)
        {
            steps.Add(ApiRequest.Command($"/applications/{app}/amendments", startup, """{"stage":"preSeed","summary":"Amended: a sharper plan."}"""));
        }

        if (ending == Ending.Withdrawn)
        {
            steps.Add(ApiRequest.Command($"/applications/{app}/withdrawal", startup, """{"reason":"Raised privately"}"""));
            return steps;
        }

        steps.Add(ApiRequest.Command($"/applications/{app}/review", manager, "{}"));
        if (random.Next(3) == 0)
        {
            steps.Add(ApiRequest.Command($"/applications/{app}/information-requests", manager, """{"question":"Who owns the IP?"}"""));
            steps.Add(ApiRequest.Command($"/applications/{app}/information", startup, """{"answer":"The company does."}"""));
        }

        steps.Add(ApiRequest.Command($"/applications/{app}/scores", manager, """{"score":4,"comment":"Strong team"}"""));
        if (ending == Ending.Rejected)
        {
            steps.Add(ApiRequest.Command($"/applications/{app}/rejection", manager, """{"reasonCode":"fit","reason":"Not a fit for this fund."}"""));
            return steps;
        }

        steps.Add(ApiRequest.Command($"/applications/{app}/approval", manager, $$"""
            {"amount":{{fund.Money(first + second)}},"tranches":[
              {"amount":{{fund.Money(first)}},"milestone":"Pilot","dueDate":"{{Dates.InDays(180)}}"},
              {"amount":{{fund.Money(second)}},"milestone":"Launch","dueDate":"{{Dates.InDays(360)}}"}]}
            """));
        if (ending == Ending.Declined)
        {
            steps.Add(ApiRequest.Command($"/applications/{app}/offer/decline", startup, """{"reason":"Private round instead"}"""));
            return steps;
        }

        steps.Add(ApiRequest.Command($"/applications/{app}/offer/acceptance", startup, "{}"));
        // The fund manager introduces the co-investor with its commitment and books its money from the statement.
        steps.Add(ApiRequest.Command($"/applications/{app}/co-investments", manager,
            $$"""{"investorId":"{{investorId}}","investorName":"Angel {{prefix}}","amount":{{fund.Money(first)}}}"""));
        steps.Add(ApiRequest.Command($"/applications/{app}/co-investments/{investorId}/receipts", manager,
            $$"""{"amount":{{fund.Money(first)}},"valueDate":"{{Dates.InDays(0)}}"}"""));
        steps.Add(ApiRequest.Command($"/applications/{app}/tranches/1/milestone/report", startup, """{"evidence":"Pilot contract signed"}"""));
        steps.Add(ApiRequest.Command($"/applications/{app}/tranches/1/milestone/verification", manager, """{"note":"Checked"}"""));
        steps.Add(ApiRequest.Command($"/applications/{app}/tranches/1/disbursement", manager,
            $$"""{"valueDate":"{{Dates.InDays(0)}}","paymentReference":"PAY-{{prefix}}"}"""));
        if (ending == Ending.Reversed)
        {
            steps.Add(ApiRequest.Command($"/applications/{app}/tranches/1/disbursement/reversal", manager, """{"reason":"Bank returned the payment"}"""));
        }
        else if (ending == Ending.Cancelled)
        {
            steps.Add(ApiRequest.Command($"/applications/{app}/cancellation", manager, """{"reason":"Company wound down"}"""));
        }

        return steps;
    }
}

using System.Text.Json;
using NodaTime;
using StartupFund.Ledger.Audit;
using StartupFund.Web.Components.Parts;

namespace StartupFund.Web.Tests;

public sealed class AuditTextTests
{
    [Fact]
    public void A_score_given_before_the_scores_were_withdrawn_no_longer_counts_as_given()
    {
        var scored = Event("application-scored", """{"reviewerId":{"value":"manager-de"},"score":4}""");
        var withdrawn = Event("scores-withdrawn", """{"count":1}""");

        AuditText.HasScored([scored], "manager-de").ShouldBeTrue();
        AuditText.HasScored([scored], "manager-fr").ShouldBeFalse();
        AuditText.HasScored([scored, withdrawn], "manager-de").ShouldBeFalse("the amendment withdrew it: the reviewer scores again");
        AuditText.HasScored([scored, withdrawn, scored], "manager-de").ShouldBeTrue();
    }

    private static AuditEventView Event(string type, string data) =>
        new(1, "1", Guid.NewGuid(), "application-x", "application", "DE", 1, type, JsonDocument.Parse(data).RootElement,
            JsonDocument.Parse("{}").RootElement, Instant.FromUtc(2026, 3, 2, 10, 0), "hash");
}

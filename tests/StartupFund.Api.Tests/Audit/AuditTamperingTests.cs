using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests.Audit;

/// <summary>An insider edits the database: /audit/verify names the first broken stream and version; a kept digest stops verifying.</summary>
public sealed class AuditTamperingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_edited_event_is_located_and_a_kept_digest_no_longer_verifies()
    {
        var s = api.Scenario();
        await OpenFundedAsync(s, "fund-tamper", "KW", "KWD", "1000.000");
        await OpenFundedAsync(s, "fund-other", "DE", "EUR", "1000.00");
        await LogHorizon.WaitUntilReadableAsync(api);
        var kept = (await s.Get("/audit/digest")).Expect(200).Str("digest");
        (await s.Get("/audit/verify")).Expect(200).Str("clean").ShouldBe("True");

        await api.Database.ExecuteAsync(
            "update eventstore.events set data = jsonb_set(data, '{amount,minorUnits}', '999') where stream_id = 'fund:fund-tamper' and version = 3");

        var report = (await s.Get("/audit/verify")).Expect(200);
        report.Str("clean").ShouldBe("False");
        report.Str("firstBreak.streamId").ShouldBe("fund:fund-tamper");
        report.Str("firstBreak.version").ShouldBe("3");
        (await s.Get("/audit/verify?country=DE")).Expect(200).Str("clean").ShouldBe("True");
        (await s.Get("/audit/verify?stream=fund:fund-tamper")).Expect(200).Str("firstBreak.version").ShouldBe("3");

        // The stored hashes still fold to the kept digest, but the check recomputes each from its event's content;
        // and an edit that recomputes the hash too (as an insider rewriting history would) changes the fold itself.
        (await s.Get("/audit/digest")).Expect(200).Str("digest").ShouldBe(kept);
        (await s.Get($"/audit/digest/verify?digest={kept}")).Expect(200).Str("extends").ShouldBe("False");
        await api.Database.ExecuteAsync("update eventstore.events set hash = sha256(hash) where stream_id = 'fund:fund-tamper' and version = 3");
        (await s.Get($"/audit/digest/verify?digest={kept}")).Expect(200).Str("extends").ShouldBe("False");
    }
}

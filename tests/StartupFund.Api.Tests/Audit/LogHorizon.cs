using StartupFund.Api.Tests.Support;

namespace StartupFund.Api.Tests.Audit;

/// <summary>
/// The log is readable only below the commit horizon, which is cluster-wide: a transaction open in
/// another test's database holds it back for a moment (docs/architecture.md, "Gap-free tailing").
/// Tests that count what /audit/events or a digest covers first wait until every event written is
/// readable; the horizon never moves back, so once is enough.
/// </summary>
public static class LogHorizon
{
    public static async Task WaitUntilReadableAsync(ApiFactory api)
    {
        var total = await api.EventCountAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await api.Ledger.Store.ComputeDigestAsync()).Events < total)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the log horizon did not reach the events written");
            await Task.Delay(20);
        }
    }
}

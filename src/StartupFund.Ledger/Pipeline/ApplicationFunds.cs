using System.Collections.Concurrent;
using StartupFund.Domain;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Pipeline;

/// <summary>
/// The fund of each application this process has loaded. An application's fund never changes, so
/// knowing it lets a funding command load the application and its fund in one round trip instead of
/// two. Bounded: when full it starts again empty (a miss costs only the round trip it would save).
/// </summary>
internal sealed class ApplicationFunds(int capacity)
{
    private readonly ConcurrentDictionary<string, FundId> funds = new(StringComparer.Ordinal);

    public FundId? Find(ApplicationId application) => funds.TryGetValue(application.Value, out var fund) ? fund : null;

    /// <summary>Call on a miss only: counting takes every lock of the dictionary.</summary>
    public void Remember(ApplicationId application, FundId fund)
    {
        if (funds.Count >= capacity)
        {
            funds.Clear();
        }

        funds[application.Value] = fund;
    }
}

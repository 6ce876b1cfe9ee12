namespace StartupFund.Reliability.Tests.Harness;

/// <summary>Commands a test sends itself, one at a time, each expected to be acknowledged (and recorded for the checks).</summary>
public static class Setup
{
    public static async Task<CommandRecord> SendAsync(ApiClient client, ApiRequest request, ICollection<CommandRecord> into)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(into);
        var record = new CommandRecord(request);
        var reply = await client.SendAsync(request).ConfigureAwait(false);
        record.Add(reply);
        into.Add(record);
        reply.IsSuccess.ShouldBeTrue($"{request} answered {reply}");
        return record;
    }

    /// <summary>The shared funds of <see cref="FundSpec.Shared"/>, opened and with money called and received.</summary>
    public static async Task OpenSharedFundsAsync(ApiClient client, ICollection<CommandRecord> into)
    {
        foreach (var fund in FundSpec.Shared)
        {
            foreach (var request in fund.OpenAndFund(fund.Id, committed: 1_000_000_000, called: 100_000_000))
            {
                await SendAsync(client, request, into).ConfigureAwait(false);
            }
        }
    }
}

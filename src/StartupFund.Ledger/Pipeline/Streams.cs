using StartupFund.Domain;
using ApplicationId = StartupFund.Domain.ApplicationId;

namespace StartupFund.Ledger.Pipeline;

/// <summary>Stream ids and types: funds and applications live in separate id spaces.</summary>
public static class Streams
{
    public const string FundType = "fund";
    public const string ApplicationType = "application";

    public static string Fund(FundId id) => "fund:" + id.Value;

    public static string Application(ApplicationId id) => "application:" + id.Value;

    /// <summary>Whether an id is spelt as this ledger's stream ids are: its type, a colon, the fund's or application's id.</summary>
    public static bool IsStreamId(string id) =>
        id.StartsWith(FundType + ":", StringComparison.Ordinal) || id.StartsWith(ApplicationType + ":", StringComparison.Ordinal);
}

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
}

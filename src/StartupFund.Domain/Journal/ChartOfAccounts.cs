namespace StartupFund.Domain.Journal;

/// <summary>The accounts every fund's journal has; codes follow the usual asset/equity/memo ranges.</summary>
public enum AccountCode
{
    Cash = 1000,
    UncalledCommitments = 1100,
    CapitalCallsReceivable = 1200,
    Portfolio = 1500,
    CommittedCapitalGovernment = 3100,
    CommittedCapitalTechnologyPartner = 3200,
    CommittedCapitalPrivateInvestors = 3300,
    CoInvestmentCommittedMemo = 9100,
    CoInvestmentReceivedMemo = 9200,
    CoInvestmentContraMemo = 9900,
}

public enum AccountType
{
    Asset,
    Equity,

    /// <summary>Off-balance-sheet: co-investment goes to the startup, never through the fund's bank account.</summary>
    Memo,
}

/// <summary>One account of one fund's journal.</summary>
public sealed record LedgerAccount(FundId FundId, AccountCode Code, string Name, AccountType Type, bool NormalDebit);

public static class ChartOfAccounts
{
    private static readonly (AccountCode Code, string Name, AccountType Type, bool NormalDebit)[] Accounts =
    [
        (AccountCode.Cash, "Cash at bank", AccountType.Asset, true),
        (AccountCode.UncalledCommitments, "Uncalled commitments receivable", AccountType.Asset, true),
        (AccountCode.CapitalCallsReceivable, "Capital calls receivable", AccountType.Asset, true),
        (AccountCode.Portfolio, "Portfolio: money paid to startups", AccountType.Asset, true),
        (AccountCode.CommittedCapitalGovernment, "Committed capital: government", AccountType.Equity, false),
        (AccountCode.CommittedCapitalTechnologyPartner, "Committed capital: technology partner", AccountType.Equity, false),
        (AccountCode.CommittedCapitalPrivateInvestors, "Committed capital: private investors", AccountType.Equity, false),
        (AccountCode.CoInvestmentCommittedMemo, "Co-investment committed, not yet received (memo)", AccountType.Memo, true),
        (AccountCode.CoInvestmentReceivedMemo, "Co-investment received by startups (memo)", AccountType.Memo, true),
        (AccountCode.CoInvestmentContraMemo, "Co-investment contra (memo)", AccountType.Memo, false),
    ];

    /// <summary>The chart of one fund.</summary>
    public static IReadOnlyList<LedgerAccount> For(FundId fundId) =>
        [.. Accounts.Select(account => new LedgerAccount(fundId, account.Code, account.Name, account.Type, account.NormalDebit))];

    public static IReadOnlyList<AccountCode> Codes { get; } = [.. Accounts.Select(account => account.Code)];

    public static AccountCode CommittedCapitalFor(Funds.SponsorKind kind) => kind switch
    {
        Funds.SponsorKind.Government => AccountCode.CommittedCapitalGovernment,
        Funds.SponsorKind.TechnologyPartner => AccountCode.CommittedCapitalTechnologyPartner,
        Funds.SponsorKind.PrivateInvestor => AccountCode.CommittedCapitalPrivateInvestors,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sponsor kind."),
    };
}

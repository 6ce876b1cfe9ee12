using StartupFund.Domain.Applications;
using StartupFund.Domain.Values;

namespace StartupFund.Ledger.Views;

public sealed record PortfolioCompanyView(
    string ApplicationId,
    string FundId,
    string Startup,
    string Sector,
    Stage Stage,
    Instrument Instrument,
    ApplicationStatus Status,
    Money Approved,
    Money Disbursed,
    Money CoInvestmentReceived,
    int? NextTranche,
    Money? NextTrancheAmount);

public sealed record PortfolioTotalView(string Key, string Currency, int Companies, Money Approved, Money Disbursed, Money CoInvestmentReceived);

public sealed record PipelineView(IReadOnlyDictionary<string, int> CountsByStatus, int Decided, string? MedianDaysToDecision);

public sealed record PortfolioView(
    string Country,
    IReadOnlyList<PortfolioCompanyView> Companies,
    string? NextCursor,
    IReadOnlyList<PortfolioTotalView> BySector,
    IReadOnlyList<PortfolioTotalView> ByStage,
    PipelineView Pipeline);

using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Values;

namespace StartupFund.Ledger.Views;

/// <summary>
/// A funded startup in a country's portfolio, with its next unpaid tranche while money can still move, and whether
/// that tranche is overdue on the view's day (tranches are paid in order, so a later one is never overdue alone).
/// <see cref="Reserved"/> is what the fund still holds for it (approved, not paid, not released): over a
/// country's funded startups it adds up to the country balance's reserved, and approved = disbursed +
/// reserved + whatever a cancellation released.
/// </summary>
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
    Money Reserved,
    Money CoInvestmentReceived,
    int? NextTranche,
    Money? NextTrancheAmount,
    LocalDate? NextTrancheDueDate,
    bool NextTrancheOverdue)
{
    public static PortfolioCompanyView From(ApplicationState state, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(state);
        var next = ApplicationStatuses.IsPayingOut(state.Status) ? state.Tranches.FirstOrDefault(t => !t.Paid) : null;
        return new PortfolioCompanyView(state.Id.Value, state.FundId.Value, state.Startup?.Name ?? string.Empty, state.Sector,
            state.Stage, state.Instrument, state.Status, state.Money(state.ApprovedMinor), state.Money(state.PaidMinor),
            state.Money(state.UnpaidReservedMinor), state.Money(state.CoInvestmentReceivedMinor), next?.TrancheNumber, next is null ? null : state.Money(next.AmountMinor), next?.DueDate,
            next is not null && TrancheRules.IsOverdue(state.Status, next, today));
    }
}

public sealed record PortfolioTotalView(string Key, string Currency, int Companies, Money Approved, Money Disbursed, Money Reserved, Money CoInvestmentReceived);

public sealed record PipelineView(IReadOnlyDictionary<string, int> CountsByStatus, int Decided, string? MedianDaysToDecision);

public sealed record PortfolioView(
    string Country,
    IReadOnlyList<PortfolioCompanyView> Companies,
    string? NextCursor,
    IReadOnlyList<PortfolioTotalView> BySector,
    IReadOnlyList<PortfolioTotalView> ByStage,
    PipelineView Pipeline);

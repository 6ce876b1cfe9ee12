using StartupFund.Domain.Values;

namespace StartupFund.Domain.Journal;

/// <summary>
/// A fund's headline figures, all derived from its journal's account balances (minor units of the
/// fund's currency). Leverage is private co-investment received per unit of public money
/// disbursed, as an exact fraction; null before any public money was paid.
/// </summary>
public sealed record FundFigures(
    Currency Currency,
    long CommittedGovernmentMinor,
    long CommittedTechnologyPartnerMinor,
    long CommittedPrivateInvestorsMinor,
    long CalledMinor,
    long ReceivedMinor,
    long CashOnHandMinor,
    long ReservedMinor,
    long DisbursedMinor,
    long CoInvestmentCommittedMinor,
    long CoInvestmentReceivedMinor)
{
    public long CommittedMinor => CommittedGovernmentMinor + CommittedTechnologyPartnerMinor + CommittedPrivateInvestorsMinor;

    public long AvailableToCommitMinor => CommittedMinor - ReservedMinor - DisbursedMinor;

    public Ratio? Leverage => DisbursedMinor > 0 ? new Ratio(CoInvestmentReceivedMinor, DisbursedMinor) : null;

    public static FundFigures From(FundLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new FundFigures(
            ledger.Currency,
            CommittedGovernmentMinor: ledger.BalanceOf(AccountCode.CommittedCapitalGovernment).CreditsPosted,
            CommittedTechnologyPartnerMinor: ledger.BalanceOf(AccountCode.CommittedCapitalTechnologyPartner).CreditsPosted,
            CommittedPrivateInvestorsMinor: ledger.BalanceOf(AccountCode.CommittedCapitalPrivateInvestors).CreditsPosted,
            CalledMinor: ledger.BalanceOf(AccountCode.UncalledCommitments).CreditsPosted,
            ReceivedMinor: ledger.BalanceOf(AccountCode.CapitalCallsReceivable).CreditsPosted,
            CashOnHandMinor: ledger.BalanceOf(AccountCode.Cash).PostedDebitBalance,
            ReservedMinor: ledger.BalanceOf(AccountCode.Portfolio).DebitsPending,
            DisbursedMinor: ledger.BalanceOf(AccountCode.Portfolio).PostedDebitBalance,
            // Committed = still outstanding + received; a declined offer's co-investments are written off both memos.
            CoInvestmentCommittedMinor: ledger.BalanceOf(AccountCode.CoInvestmentCommittedMemo).PostedDebitBalance
                + ledger.BalanceOf(AccountCode.CoInvestmentReceivedMemo).PostedDebitBalance,
            CoInvestmentReceivedMinor: ledger.BalanceOf(AccountCode.CoInvestmentReceivedMemo).PostedDebitBalance);
    }

    public Money Money(long minorUnits) => new(minorUnits, Currency);
}

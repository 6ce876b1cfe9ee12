using NodaTime;
using StartupFund.Domain.Journal;
using StartupFund.Domain.Values;

namespace StartupFund.Ledger.Views;

/// <summary>One transfer of a journal entry: debit one account, credit another.</summary>
public sealed record PostingView(AccountCode Debit, AccountCode Credit, Money Amount, TransferKind Kind, string? PendingId)
{
    public static PostingView From(Transfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        return new PostingView(transfer.Debit, transfer.Credit, transfer.Amount, transfer.Kind, transfer.PendingId);
    }
}

/// <summary>A journal entry; <see cref="ValueDate"/> and <see cref="Reference"/> (a payment's reference, a capital call's id) for money that moved.</summary>
public sealed record JournalEntryView(
    long Position, string EventType, string StreamId, long StreamVersion, Instant RecordedAt, IReadOnlyList<PostingView> Postings,
    LocalDate? ValueDate = null, string? Reference = null);

/// <summary>A page of a list; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next page (null: no more).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>One account of a trial balance: its code ("cash") and its number in the chart of accounts (1000) for ledgers that file by number.</summary>
public sealed record AccountBalanceView(
    AccountCode Account, int Number, string Name, AccountType Type, Money DebitsPosted, Money CreditsPosted, Money DebitsPending, Money CreditsPending, Money Balance);

public sealed record TrialBalanceView(
    string FundId, string Currency, IReadOnlyList<AccountBalanceView> Accounts,
    Money TotalDebitsPosted, Money TotalCreditsPosted, Money TotalDebitsPending, Money TotalCreditsPending, bool Balanced);

/// <summary>Figures derived from journal balances (minor units are never floating point; leverage is an exact fraction plus a 2-decimal rendering, rounded down).</summary>
public sealed record BalanceFiguresView(
    string Currency,
    int Funds,
    Money CommittedGovernment,
    Money CommittedTechnologyPartner,
    Money CommittedPrivateInvestors,
    Money Committed,
    Money Called,
    Money Received,
    Money CashOnHand,
    Money Reserved,
    Money Disbursed,
    Money AvailableToCommit,
    Money CoInvestmentCommitted,
    Money CoInvestmentReceived,
    string? Leverage,
    string? LeverageDecimal)
{
    public static BalanceFiguresView From(FundFigures figures, int funds)
    {
        ArgumentNullException.ThrowIfNull(figures);
        Money M(long minor) => figures.Money(minor);
        var leverage = figures.Leverage;
        return new BalanceFiguresView(
            figures.Currency.Code,
            funds,
            M(figures.CommittedGovernmentMinor),
            M(figures.CommittedTechnologyPartnerMinor),
            M(figures.CommittedPrivateInvestorsMinor),
            M(figures.CommittedMinor),
            M(figures.CalledMinor),
            M(figures.ReceivedMinor),
            M(figures.CashOnHandMinor),
            M(figures.ReservedMinor),
            M(figures.DisbursedMinor),
            M(figures.AvailableToCommitMinor),
            M(figures.CoInvestmentCommittedMinor),
            M(figures.CoInvestmentReceivedMinor),
            leverage?.ToString(),
            leverage is { } ratio ? DecimalOf(ratio) : null);
    }

    /// <summary>An exact fraction as a decimal string with two decimals, rounded down.</summary>
    public static string DecimalOf(Ratio ratio)
    {
        var hundredths = (Int128)ratio.Numerator * 100 / ratio.Denominator;
        return FormattableString.Invariant($"{hundredths / 100}.{(int)(hundredths % 100):00}");
    }
}

public sealed record FundBalanceView(string FundId, string Country, string Name, BalanceFiguresView Figures, long Version);

public sealed record CountryBalanceView(string Country, IReadOnlyList<BalanceFiguresView> ByCurrency, IReadOnlyList<FundBalanceView> Funds);

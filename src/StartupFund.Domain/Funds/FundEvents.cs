using NodaTime;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Funds;

/// <summary>An event of a fund's stream.</summary>
public interface IFundEvent
{
    FundId FundId { get; }
}

public sealed record FundOpened(
    FundId FundId, CountryCode Country, string Name, Currency Currency, FundPolicy Policy, Instant OpenedAt) : IFundEvent;

public sealed record CapitalCommitted(
    FundId FundId, SponsorId SponsorId, string SponsorName, SponsorKind Kind, Money Amount, Instant CommittedAt) : IFundEvent;

public sealed record CapitalCalled(
    FundId FundId, CallId CallId, SponsorId SponsorId, Money Amount, LocalDate DueDate, Instant CalledAt) : IFundEvent;

public sealed record CapitalReceived(
    FundId FundId, CallId CallId, SponsorId SponsorId, Money Amount, LocalDate ValueDate, Instant ReceivedAt) : IFundEvent;

public sealed record FundClosed(FundId FundId, string Reason, Instant ClosedAt) : IFundEvent;

/// <summary>One tranche's share of a reservation; <see cref="Attempt"/> numbers re-reservations after reversals.</summary>
public sealed record ReservedTranche(int TrancheNumber, int Attempt, Money Amount);

/// <summary>Approval: the fund sets money aside (a pending transfer per tranche).</summary>
public sealed record FundsReserved(
    FundId FundId, ApplicationId ApplicationId, Money Amount, IReadOnlyList<ReservedTranche> Tranches, Instant ReservedAt) : IFundEvent;

/// <summary>A tranche was paid: its pending reservation is posted and cash leaves the fund.</summary>
public sealed record FundsDisbursed(
    FundId FundId,
    ApplicationId ApplicationId,
    int TrancheNumber,
    int Attempt,
    Money Amount,
    LocalDate ValueDate,
    string PaymentReference,
    Instant DisbursedAt) : IFundEvent;

/// <summary>
/// A payment came back (failed bank transfer): cash and the tranche's reservation are restored. The value date is
/// the day the money came back (null in events recorded before it was kept). After the application's remainder was
/// cancelled (<paramref name="AfterCancellation"/>) nothing is reserved again: the money returns to available-to-commit.
/// </summary>
public sealed record DisbursementReversed(
    FundId FundId, ApplicationId ApplicationId, int TrancheNumber, int Attempt, Money Amount, string Reason, Instant ReversedAt,
    LocalDate? ValueDate = null, bool AfterCancellation = false) : IFundEvent;

/// <summary>The unpaid part of an approval is given back to available-to-commit (pending transfers voided).</summary>
public sealed record ReservationReleased(
    FundId FundId, ApplicationId ApplicationId, Money Amount, IReadOnlyList<ReservedTranche> Tranches, string Reason, Instant ReleasedAt) : IFundEvent;

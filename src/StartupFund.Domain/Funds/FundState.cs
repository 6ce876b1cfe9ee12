using System.Collections.Immutable;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;

namespace StartupFund.Domain.Funds;

public enum FundStatus
{
    None,
    Open,
    Closed,
}

public sealed record SponsorPosition(string Name, SponsorKind Kind, long CommittedMinor, long CalledMinor)
{
    public long UncalledMinor => CommittedMinor - CalledMinor;
}

/// <summary>
/// A capital call, made on <paramref name="CalledOn"/> (UTC). <paramref name="DueDate"/> is null only in a read-model
/// document written before calls kept it (rebuild-read-models fills it in).
/// </summary>
public sealed record CallPosition(SponsorId SponsorId, long AmountMinor, long ReceivedMinor, NodaTime.LocalDate? DueDate, NodaTime.LocalDate CalledOn)
{
    public long OutstandingMinor => AmountMinor - ReceivedMinor;
}

/// <summary>What the fund's decisions need to know, folded from its stream. Amounts are minor units of <see cref="Currency"/>.</summary>
public sealed record FundState
{
    public static readonly FundState Initial = new();

    /// <summary>The version of this state's JSON: a snapshot of another shape is ignored and folded again (2: calls carry due dates; 3: and the day they were made; 4: receipts by value date; 5: payment references; 6: payments by value date; 7: no payment references, the journal keeps them).</summary>
    public const string Shape = "7";

    public FundStatus Status { get; init; }

    public FundId Id { get; init; }

    public CountryCode Country { get; init; }

    public string Name { get; init; } = string.Empty;

    public Currency Currency { get; init; }

    public FundPolicy? Policy { get; init; }

    /// <summary>Keyed by <see cref="SponsorId.Value"/>: string keys keep the state serializable as a snapshot.</summary>
    public ImmutableDictionary<string, SponsorPosition> Sponsors { get; init; } = ImmutableDictionary<string, SponsorPosition>.Empty;

    /// <summary>Keyed by <see cref="CallId.Value"/>.</summary>
    public ImmutableDictionary<string, CallPosition> Calls { get; init; } = ImmutableDictionary<string, CallPosition>.Empty;

    public long CommittedMinor { get; init; }

    public long CalledMinor { get; init; }

    public long ReceivedMinor { get; init; }

    public long CashOnHandMinor { get; init; }

    /// <summary>Capital received and payments that came back, by value date (<see cref="ValueDates.Add"/>).</summary>
    public ImmutableDictionary<string, long> ReceivedByValueDate { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>Payments made, by value date (a payment that came back stays here, and its return is received on its own day).</summary>
    public ImmutableDictionary<string, long> PaidByValueDate { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>
    /// What a payment valued <paramref name="day"/> may spend: the least the cash stands at, counted by value date, on
    /// that day or any later one. Capital arriving later does not count on the day, and payments valued later are
    /// still covered, whatever order the payments were recorded in.
    /// </summary>
    public long CashOnHandOnMinor(NodaTime.LocalDate day) => ValueDates.LeastBalanceFrom(day, CashOnHandMinor, ReceivedByValueDate, PaidByValueDate);

    public long ReservedMinor { get; init; }

    public long DisbursedMinor { get; init; }

    /// <summary>Commitments not yet promised to a startup: committed - reserved - disbursed.</summary>
    public long AvailableToCommitMinor => CommittedMinor - ReservedMinor - DisbursedMinor;

    public Money Money(long minorUnits) => new(minorUnits, Currency);
}

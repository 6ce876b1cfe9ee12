using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;

namespace StartupFund.Domain.Common;

/// <summary>
/// The day money moved (a capital receipt, a payment, a co-investment received). A bank may announce a
/// transfer with a forward value date, so a value date may lie ahead of the day it is recorded, by
/// <see cref="MaxDaysAhead"/> days at most; one further ahead (2062 for 2026) is a typing error the
/// ledger would otherwise count as money already moved. Late bookings are facts too, so a value date may
/// lie in the past, but never before the fact that let the money move (the call, the approval, the
/// application): 1999 for a fund opened in 2026 is a typing error as well.
/// </summary>
public static class ValueDates
{
    public const int MaxDaysAhead = 31;

    /// <param name="earliest">The first day the money could have moved.</param>
    /// <param name="earliestIs">What happened that day, to end "the value date is before ...": "the capital call".</param>
    public static void Require(LocalDate valueDate, Instant recordedAt, LocalDate earliest, string earliestIs)
    {
        var recordedOn = recordedAt.InUtc().Date;
        if (valueDate > recordedOn.PlusDays(MaxDaysAhead))
        {
            throw DomainException.Invalid(ErrorCodes.ValueDateTooFarAhead,
                $"The value date {valueDate:uuuu-MM-dd} is more than {MaxDaysAhead} days ahead of {recordedOn:uuuu-MM-dd}: record money when it moves.",
                "valueDate");
        }

        if (valueDate < earliest)
        {
            throw DomainException.Invalid(ErrorCodes.ValueDateTooEarly,
                $"The value date {valueDate:uuuu-MM-dd} is before {earliestIs} ({earliest:uuuu-MM-dd}): the money cannot have moved earlier.",
                "valueDate");
        }
    }

    /// <summary>
    /// Adds an amount to totals kept by value date. States keep them keyed "uuuu-MM-dd" (string keys keep a
    /// state serializable as a snapshot; ISO dates sort as they read).
    /// </summary>
    public static ImmutableDictionary<string, long> Add(ImmutableDictionary<string, long> byDay, LocalDate valueDate, long minorUnits)
    {
        ArgumentNullException.ThrowIfNull(byDay);
        var key = LocalDatePattern.Iso.Format(valueDate);
        return byDay.SetItem(key, byDay.GetValueOrDefault(key) + minorUnits);
    }

    /// <summary>
    /// The least a balance stands at on <paramref name="day"/> or any day after it, given its <paramref name="total"/>
    /// (everything in and out, whatever the day) and what moves in and out by value date. A payment valued that day
    /// may spend this much without leaving any later day short, whatever order the payments were recorded in.
    /// </summary>
    public static long LeastBalanceFrom(LocalDate day, long total, ImmutableDictionary<string, long> inByDay, ImmutableDictionary<string, long> outByDay)
    {
        ArgumentNullException.ThrowIfNull(inByDay);
        ArgumentNullException.ThrowIfNull(outByDay);
        var from = LocalDatePattern.Iso.Format(day);
        var balance = total - After(inByDay, day) + After(outByDay, day);
        var least = balance;
        foreach (var later in inByDay.Keys.Union(outByDay.Keys).Where(key => string.CompareOrdinal(key, from) > 0).Order(StringComparer.Ordinal))
        {
            balance += inByDay.GetValueOrDefault(later) - outByDay.GetValueOrDefault(later);
            least = Math.Min(least, balance);
        }

        return least;
    }

    /// <summary>What of those totals moves only after <paramref name="day"/>: money a payment on that day cannot count on.</summary>
    public static long After(ImmutableDictionary<string, long> byDay, LocalDate day)
    {
        ArgumentNullException.ThrowIfNull(byDay);
        var key = LocalDatePattern.Iso.Format(day);
        return byDay.Where(entry => string.CompareOrdinal(entry.Key, key) > 0).Sum(entry => entry.Value);
    }
}

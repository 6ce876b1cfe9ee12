using NodaTime;

namespace StartupFund.Domain.Common;

/// <summary>
/// The day money moved (a capital receipt, a payment, a co-investment received). A bank may announce a
/// transfer with a forward value date, so a value date may lie ahead of the day it is recorded, by
/// <see cref="MaxDaysAhead"/> days at most; one further ahead (2062 for 2026) is a typing error the
/// ledger would otherwise count as money already moved.
/// </summary>
public static class ValueDates
{
    public const int MaxDaysAhead = 31;

    public static void Require(LocalDate valueDate, Instant recordedAt)
    {
        var latest = recordedAt.InUtc().Date.PlusDays(MaxDaysAhead);
        if (valueDate > latest)
        {
            throw DomainException.Invalid(ErrorCodes.ValueDateTooFarAhead,
                $"The value date {valueDate:uuuu-MM-dd} is more than {MaxDaysAhead} days ahead of {recordedAt.InUtc().Date:uuuu-MM-dd}: record money when it moves.",
                "valueDate");
        }
    }
}

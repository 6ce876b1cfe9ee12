using Npgsql;
using StartupFund.Domain.Common;
using StartupFund.Domain.Funds;
using StartupFund.EventStore;
using StartupFund.Ledger.Schema;

namespace StartupFund.Ledger.Pipeline;

/// <summary>
/// The domain rules the database keeps, because the facts they compare against are too many for an aggregate's state
/// (a unique index) or are totals of a whole fund (a check on its accounts): an append that breaks one fails in its own
/// transaction, writes nothing, and is refused as a decider would have refused it. (Marten's answer to the same
/// problem: a unique index on an inline projection.)
/// </summary>
internal static class DatabaseRules
{
    /// <summary>
    /// The refusal a failed append of <paramref name="appends"/> stands for, or null when the failure is not one of
    /// these rules. The message names the colliding value from the append's own events.
    /// </summary>
    public static DomainException? RefusalFor(PostgresException failure, IReadOnlyList<StreamAppend> appends) => failure switch
    {
        { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ReadModelSchema.PaymentReferenceIndex } =>
            DomainException.Rule(ErrorCodes.PaymentReferenceReused,
                $"The fund has already paid under reference '{PaymentReference(appends)}': each payment has its own bank reference, as its statement line does.",
                "paymentReference", failure),
        { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: ReadModelSchema.AccountBalanceLimit } =>
            DomainException.Rule(ErrorCodes.FundAccountLimitExceeded,
                "This would take one of the fund's accounts past 10^17 minor units posted over its life, "
                + "more than the ledger keeps for one fund: check the amount.",
                null, failure),
        _ => null,
    };

    // A filter that throws counts as false, so this must not throw: one payment per command, but join to be safe.
    private static string PaymentReference(IReadOnlyList<StreamAppend> appends) =>
        string.Join("', '", appends.SelectMany(append => append.Events).OfType<FundsDisbursed>().Select(paid => paid.PaymentReference));
}

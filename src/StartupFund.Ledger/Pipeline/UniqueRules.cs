using Npgsql;
using StartupFund.Domain.Common;
using StartupFund.Ledger.Schema;

namespace StartupFund.Ledger.Pipeline;

/// <summary>
/// The domain rules a unique index keeps, because the facts they compare against are too many for an aggregate's
/// state: an append that breaks one fails in its own transaction, writes nothing, and is refused as the decider
/// would have refused it. (Marten's answer to the same problem: a unique index on an inline projection.)
/// </summary>
internal static class UniqueRules
{
    /// <summary>The refusal a failed append stands for, or null when the failure is not one of these rules.</summary>
    public static DomainException? RefusalFor(PostgresException failure) =>
        failure is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ReadModelSchema.PaymentReferenceIndex }
            ? DomainException.Rule(ErrorCodes.PaymentReferenceReused,
                "The fund has already paid under this reference: each payment has its own bank reference, as its statement line does.",
                "paymentReference", failure)
            : null;
}

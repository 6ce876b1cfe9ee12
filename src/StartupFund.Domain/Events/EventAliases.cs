using System.Collections.Frozen;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;

namespace StartupFund.Domain.Events;

/// <summary>
/// The stable name of every event type, as the event store records it. A CLR type may be renamed
/// or moved; its alias never changes. A changed shape gets a new alias ("...-v2") and an upcaster.
/// </summary>
public static class EventAliases
{
    private static readonly (Type Type, string Alias)[] Registry =
    [
        (typeof(FundOpened), "fund-opened"),
        (typeof(CapitalCommitted), "capital-committed"),
        (typeof(CapitalCalled), "capital-called"),
        (typeof(CapitalReceived), "capital-received"),
        (typeof(FundClosed), "fund-closed"),
        (typeof(FundsReserved), "funds-reserved"),
        (typeof(FundsDisbursed), "funds-disbursed"),
        (typeof(DisbursementReversed), "disbursement-reversed"),
        (typeof(ReservationReleased), "reservation-released"),
        (typeof(ApplicationSubmitted), "application-submitted"),
        (typeof(ApplicationAmended), "application-amended"),
        (typeof(ApplicationWithdrawn), "application-withdrawn"),
        (typeof(ReviewStarted), "review-started"),
        (typeof(InformationRequested), "information-requested"),
        (typeof(InformationProvided), "information-provided"),
        (typeof(ApplicationScored), "application-scored"),
        (typeof(ApplicationApproved), "application-approved"),
        (typeof(ApplicationRejected), "application-rejected"),
        (typeof(OfferAccepted), "offer-accepted"),
        (typeof(OfferDeclined), "offer-declined"),
        (typeof(CoInvestmentCommitted), "co-investment-committed"),
        (typeof(CoInvestmentReceived), "co-investment-received"),
        (typeof(MilestoneReported), "milestone-reported"),
        (typeof(MilestoneVerified), "milestone-verified"),
        (typeof(TrancheDisbursed), "tranche-disbursed"),
        (typeof(TrancheDisbursementReversed), "tranche-disbursement-reversed"),
        (typeof(RemainderCancelled), "remainder-cancelled"),
        (typeof(CoInvestmentsReleased), "co-investments-released"),
        (typeof(CoInvestmentCorrected), "co-investment-corrected"),
        (typeof(ScoresWithdrawn), "scores-withdrawn"),
    ];

    private static readonly FrozenDictionary<Type, string> AliasByType = Registry.ToFrozenDictionary(entry => entry.Type, entry => entry.Alias);

    private static readonly FrozenDictionary<string, Type> TypeByAlias =
        Registry.ToFrozenDictionary(entry => entry.Alias, entry => entry.Type, StringComparer.Ordinal);

    /// <summary>Every (type, alias) pair, in a stable order.</summary>
    public static IReadOnlyList<(Type Type, string Alias)> All => Registry;

    public static string AliasOf(Type eventType) =>
        AliasByType.TryGetValue(eventType, out var alias)
            ? alias
            : throw new ArgumentOutOfRangeException(nameof(eventType), eventType?.Name, "Not a registered domain event type.");

    public static string AliasOf(object @event) => AliasOf(@event?.GetType()!);

    public static Type TypeOf(string alias) =>
        TypeByAlias.TryGetValue(alias, out var type)
            ? type
            : throw new ArgumentOutOfRangeException(nameof(alias), alias, "Not a registered event alias.");

    public static bool TryGetType(string alias, out Type? type) => TypeByAlias.TryGetValue(alias, out type);

    /// <summary>The stream an event belongs to: "fund" or "application".</summary>
    public static string StreamTypeOf(Type eventType) =>
        typeof(IFundEvent).IsAssignableFrom(eventType) ? "fund"
        : typeof(IApplicationEvent).IsAssignableFrom(eventType) ? "application"
        : throw new ArgumentOutOfRangeException(nameof(eventType), eventType?.Name, "Not a domain event type.");
}

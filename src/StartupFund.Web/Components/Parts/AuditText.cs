using System.Globalization;
using System.Text.Json;
using NodaTime;
using StartupFund.Domain.Common;
using StartupFund.Domain.Values;
using StartupFund.Ledger.Audit;

namespace StartupFund.Web.Components.Parts;

/// <summary>What an audited event says, for display: who recorded it and the words it carries.</summary>
public static class AuditText
{
    public static string Actor(AuditEventView e) => Metadata(e, "actor") ?? "?";

    /// <summary>Fields of an event's data that are someone's words, in the order they are looked for.</summary>
    private static readonly string[] TextFields = ["question", "answer", "evidence", "reason", "comment", "note"];

    public static string? Metadata(AuditEventView e, string name)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Property(e.Metadata, name);
    }

    public static string? Said(AuditEventView e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return TextFields.Select(field => Property(e.Data, field)).FirstOrDefault(text => !string.IsNullOrWhiteSpace(text));
    }

    /// <summary>The words of the latest event of a type, for one tranche when given: the fund's open question, a milestone's evidence.</summary>
    public static string? LatestSaid(IEnumerable<AuditEventView> history, string type, int? tranche = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.LastOrDefault(e => e.Type == type && (tranche is null || IntegerOf(e.Data, "trancheNumber") == tranche)) is { } latest ? Said(latest) : null;
    }

    /// <summary>True when <paramref name="reviewer"/> (a caller's subject) has scored the application this history is of.</summary>
    public static bool HasScored(IEnumerable<AuditEventView> history, string? reviewer)
    {
        ArgumentNullException.ThrowIfNull(history);
        // Only a score given since the scores were last withdrawn (an amendment) still stands.
        return reviewer is { Length: > 0 }
            && history.Reverse().TakeWhile(e => e.Type != "scores-withdrawn").Any(e => e.Type == "application-scored" && ReviewerOf(e.Data) == reviewer);
    }

    private static string? ReviewerOf(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("reviewerId", out var id) && id.ValueKind == JsonValueKind.Object
            && id.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>
    /// The figures an event records beside its words (docs/audit.md, "Reading an event's data"): the amount
    /// it moves or asks for, its tranche, value date, payment reference and score. A figure the event does
    /// not carry, or carries in a form we cannot read, is null.
    /// </summary>
    public static EventFigures Figures(AuditEventView e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var data = e.Data;
        return new EventFigures(
            AmountOf(data, "amount") ?? AmountOf(data, "releasedAmount") ?? AmountOf(data, "requested") ?? AmountOf(data, "received")
                ?? Positive(AmountOf(data, "receivedReversed")) ?? AmountOf(data, "commitmentReduced"),
            IntegerOf(data, "trancheNumber"),
            Property(data, "valueDate") is { } date && IsoDate.TryParse(date, out var valueDate) ? valueDate : null,
            Property(data, "paymentReference") is { Length: > 0 } reference ? reference : null,
            IntegerOf(data, "score"));
    }

    /// <summary>An amount only when it moved something: a correction may reverse nothing received and reduce only the commitment.</summary>
    private static Money? Positive(Money? amount) => amount is { MinorUnits: > 0 } ? amount : null;

    /// <summary>The terms an application was submitted or amended with; null for any other event.</summary>
    public static ApplicationTerms? TermsOf(AuditEventView e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type is "application-submitted" or "application-amended"
            ? new ApplicationTerms(Property(e.Data, "sector"), IntegerOf(e.Data, "stage"), IntegerOf(e.Data, "instrument"),
                AmountOf(e.Data, "requested"), Property(e.Data, "summary"))
            : null;
    }

    private static Money? AmountOf(JsonElement data, string name)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(name, out var money) || money.ValueKind != JsonValueKind.Object
            || !money.TryGetProperty("minorUnits", out var minor) || !minor.TryGetInt64(out var minorUnits)
            || !money.TryGetProperty("currency", out var currency) || currency.ValueKind != JsonValueKind.Object
            || !currency.TryGetProperty("code", out var code) || code.GetString() is not { } currencyCode || !Currency.IsActive(currencyCode))
        {
            return null;
        }

        return new Money(minorUnits, new Currency(currencyCode));
    }

    private static int? IntegerOf(JsonElement data, string name) =>
        Property(data, name) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(name) || string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }

        return null;
    }
}

/// <summary>What <see cref="AuditText.Figures"/> found in an event; every part is optional.</summary>
public sealed record EventFigures(Money? Amount, int? Tranche, LocalDate? ValueDate, string? PaymentReference, int? Score);

/// <summary>An application's terms as an event recorded them (stage and instrument are the stored enum numbers).</summary>
public sealed record ApplicationTerms(string? Sector, int? Stage, int? Instrument, Money? Requested, string? Summary);

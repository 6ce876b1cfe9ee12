using System.Text.Json;
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

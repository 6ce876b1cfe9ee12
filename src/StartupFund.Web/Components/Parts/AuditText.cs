using System.Text.Json;
using StartupFund.Ledger.Audit;

namespace StartupFund.Web.Components.Parts;

/// <summary>What an audited event's metadata says, for display.</summary>
public static class AuditText
{
    public static string Actor(AuditEventView e) => Metadata(e, "actor") ?? "?";

    public static string? Metadata(AuditEventView e, string name)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Metadata.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in e.Metadata.EnumerateObject())
        {
            if (property.NameEquals(name) || string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }

        return null;
    }
}

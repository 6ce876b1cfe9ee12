using System.Text.Json;

namespace StartupFund.Ledger.Audit;

/// <summary>Where two JSON documents differ, as paths with both values: what an operator reads instead of two 3 KB lines.</summary>
public static class JsonDiff
{
    public sealed record Change(string Path, string? Left, string? Right);

    public static IReadOnlyList<Change> Changes(string? left, string? right, int max = 10)
    {
        var changes = new List<Change>();
        if (left is null || right is null)
        {
            return left == right ? changes : [new Change("$", left is null ? null : "(present)", right is null ? null : "(present)")];
        }

        using var a = JsonDocument.Parse(left);
        using var b = JsonDocument.Parse(right);
        Compare("$", a.RootElement, b.RootElement, changes, max);
        return changes;
    }

    private static void Compare(string path, JsonElement left, JsonElement right, List<Change> changes, int max)
    {
        if (changes.Count >= max)
        {
            return;
        }

        if (left.ValueKind == JsonValueKind.Object && right.ValueKind == JsonValueKind.Object)
        {
            var names = left.EnumerateObject().Select(p => p.Name).Union(right.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
            foreach (var name in names)
            {
                var inLeft = left.TryGetProperty(name, out var l);
                var inRight = right.TryGetProperty(name, out var r);
                if (inLeft && inRight)
                {
                    Compare($"{path}.{name}", l, r, changes, max);
                }
                else if (changes.Count < max)
                {
                    changes.Add(new Change($"{path}.{name}", inLeft ? l.GetRawText() : null, inRight ? r.GetRawText() : null));
                }
            }
        }
        else if (left.ValueKind == JsonValueKind.Array && right.ValueKind == JsonValueKind.Array && left.GetArrayLength() == right.GetArrayLength())
        {
            for (var i = 0; i < left.GetArrayLength(); i++)
            {
                Compare($"{path}[{i}]", left[i], right[i], changes, max);
            }
        }
        else if (left.GetRawText() != right.GetRawText())
        {
            changes.Add(new Change(path, left.GetRawText(), right.GetRawText()));
        }
    }
}

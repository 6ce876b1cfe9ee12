using StartupFund.Web.Components.Parts;

namespace StartupFund.Web.Components.Pages.Manager;

/// <summary>One row of the tranche-schedule editor, as typed.</summary>
public sealed record TrancheRow(string? Amount, string? Milestone, string? DueDate);

/// <summary>
/// The tranche-schedule editor without JavaScript: the rows travel in the form as
/// <c>tranches[i].amount</c>, <c>.milestone</c>, <c>.dueDate</c> (the API's own field names), and the
/// "add" and "remove" buttons post the form back to be drawn with one row more or less.
/// </summary>
public static class TrancheRows
{
    /// <summary>Rows the editor offers at most (the API's own limit refuses a longer schedule anyway).</summary>
    public const int MaxRows = 24;

    public const string EditorField = "editor";
    public const string Add = "add";
    public const string RemovePrefix = "remove-";

    public static List<TrancheRow> Read(FormValues form, int fallbackRows = 1)
    {
        ArgumentNullException.ThrowIfNull(form);
        var count = int.TryParse(form["trancheCount"], System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, MaxRows) : fallbackRows;
        return [.. Enumerable.Range(0, count).Select(i => new TrancheRow(
            form[$"tranches[{i}].amount"], form[$"tranches[{i}].milestone"], form[$"tranches[{i}].dueDate"]))];
    }

    /// <summary>Applies an add/remove button; false when the form was posted to approve instead.</summary>
    public static bool Edit(string? editor, List<TrancheRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (editor == Add)
        {
            if (rows.Count < MaxRows)
            {
                rows.Add(new TrancheRow(null, null, null));
            }

            return true;
        }

        if (editor?.StartsWith(RemovePrefix, StringComparison.Ordinal) == true
            && int.TryParse(editor.AsSpan(RemovePrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            if (index >= 0 && index < rows.Count)
            {
                rows.RemoveAt(index);
            }

            return true;
        }

        return false;
    }
}

namespace StartupFund.Cli;

/// <summary>Plain-text tables: first column left-aligned, the rest right-aligned.</summary>
internal static class Tables
{
    public static void Print(string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            Console.WriteLine("   " + string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))));
        }
    }
}

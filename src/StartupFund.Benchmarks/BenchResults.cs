using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace StartupFund.Benchmarks;

/// <summary>
/// Named figures with stable JSON keys, plus the machine they were measured on, written to
/// artifacts/bench/&lt;file&gt;. Shared (as a linked source file) by every benchmark program.
/// </summary>
public sealed class BenchResults(string fileName)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly List<(string Key, double Value, string Unit, string Note)> figures = [];

    public string PostgresVersion { get; set; } = "";

    public void Add(string key, double value, string unit, string note = "") => figures.Add((key, value, unit, note));

    public double Get(string key) => figures.First(f => f.Key == key).Value;

    /// <summary>The middle of the measured rounds (the upper middle for an even count): a pause of the machine moves one round, not the figure.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine($"{"figure",-30} {"value",14} {"unit",-10} note");
        output.WriteLine(new string('-', 90));
        foreach (var (key, value, unit, note) in figures)
        {
            output.WriteLine($"{key,-30} {value.ToString(value >= 100 ? "N0" : "N3", CultureInfo.InvariantCulture),14} {unit,-10} {note}");
        }

        output.WriteLine();
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {PostgresVersion}");
    }

    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var document = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value, _, _) in figures)
        {
            document[key] = double.IsFinite(value) ? Math.Round(value, 3) : -1;
        }

        document["machine"] = new Dictionary<string, object>
        {
            ["cores"] = Environment.ProcessorCount,
            ["os"] = RuntimeInformation.OSDescription,
            ["dotnet"] = Environment.Version.ToString(),
            ["postgres"] = PostgresVersion,
        };
        document["measured_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, JsonSerializer.Serialize(document, Indented));
        return path;
    }
}

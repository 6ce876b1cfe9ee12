using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace StartupFund.Benchmarks;

/// <summary>Named figures with stable JSON keys, plus the machine they were measured on.</summary>
public sealed class BenchResults
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly List<(string Key, double Value, string Unit, string Goal)> figures = [];

    public string PostgresVersion { get; set; } = "";

    public void Add(string key, double value, string unit, string goal = "") => figures.Add((key, value, unit, goal));

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"figure",-26} {"value",14} {"unit",-10} goal");
        output.WriteLine(new string('-', 80));
        foreach (var (key, value, unit, goal) in figures)
        {
            output.WriteLine($"{key,-26} {value.ToString(value >= 100 ? "N0" : "N3", CultureInfo.InvariantCulture),14} {unit,-10} {goal}");
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
            document[key] = Math.Round(value, 3);
        }

        document["machine"] = new Dictionary<string, object>
        {
            ["cores"] = Environment.ProcessorCount,
            ["os"] = RuntimeInformation.OSDescription,
            ["dotnet"] = Environment.Version.ToString(),
            ["postgres"] = PostgresVersion,
        };
        document["measured_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var path = Path.Combine(directory, "eventstore.json");
        File.WriteAllText(path, JsonSerializer.Serialize(document, Indented));
        return path;
    }
}

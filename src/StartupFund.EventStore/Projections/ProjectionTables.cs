using StartupFund.EventStore.Schema;

namespace StartupFund.EventStore.Projections;

/// <summary>Maps a projection's logical table names to physical ones: the live tables, or a rebuild's shadows.</summary>
public sealed class ProjectionTables
{
    public const string ShadowSuffix = "_rebuild";

    private readonly SchemaName schema;
    private readonly HashSet<string> names;
    private readonly string suffix;

    private ProjectionTables(SchemaName schema, IEnumerable<string> names, string suffix)
    {
        this.schema = schema;
        this.names = new HashSet<string>(names, StringComparer.Ordinal);
        this.suffix = suffix;
        foreach (var name in this.names)
        {
            _ = new SchemaName(name + ShadowSuffix);   // the same rules as an identifier, shadow suffix included
        }
    }

    public static ProjectionTables Live(SchemaName schema, IAsyncProjection projection) => new(schema, projection.Tables, "");

    public static ProjectionTables Shadow(SchemaName schema, IAsyncProjection projection) => new(schema, projection.Tables, ShadowSuffix);

    /// <summary>The quoted, schema-qualified physical name of a logical table.</summary>
    public string this[string logicalName] =>
        names.Contains(logicalName)
            ? $"{schema.Quoted}.\"{logicalName}{suffix}\""
            : throw new ArgumentException($"Table '{logicalName}' is not one of the projection's tables.", nameof(logicalName));

    internal string Unqualified(string logicalName) => logicalName + suffix;
}

namespace StartupFund.Domain;

/// <summary>Lets tests and hosts name this assembly without depending on any domain type.</summary>
public static class AssemblyMarker;

namespace StartupFund.Api.Tests;

/// <summary>docs/api.md stays true: every error code the API can answer is in its tables.</summary>
public sealed class ApiDocsTests
{
    [Fact]
    public void Every_error_code_is_documented_in_api_md()
    {
        var codes = new[] { typeof(Domain.Common.ErrorCodes), typeof(Ledger.Pipeline.LedgerErrorCodes), typeof(Ledger.Audit.AuditErrorCodes), typeof(StartupFund.Security.AuthErrorCodes) }
            .SelectMany(type => type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Distinct()
            .ToList();
        codes.Count.ShouldBeGreaterThan(90);

        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md"));

        codes.Where(code => !docs.Contains($"`{code}`", StringComparison.Ordinal)).ShouldBeEmpty("codes missing from docs/api.md");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StartupFund.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("StartupFund.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Text.RegularExpressions;

namespace StartupFund.Api.Http;

/// <summary>
/// ASP.NET Core's refusals of a route or query value ("Failed to bind parameter "int? limit" from
/// "abc".") in plain words, without the .NET type: "limit must be a whole number, e.g. 50.".
/// </summary>
public static partial class BindingErrors
{
    public static string Describe(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            return $"{failed.Groups["name"].Value} must be {Expected(failed.Groups["type"].Value)}.";
        }

        if (NotProvided().Match(message) is { Success: true } missing)
        {
            return $"{missing.Groups["name"].Value} is required.";
        }

        // any other message that quotes a parameter with its type keeps the name only
        return TypedParameter().Replace(message, "parameter \"${name}\"");
    }

    private static string Expected(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "short" or "Nullable<int>" or "Nullable<long>" => "a whole number, e.g. 50",
        "bool" or "Nullable<bool>" => "true or false",
        "decimal" or "double" => "a number",
        _ => "a value of the documented format",
    };

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\" from \"")]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\" was not provided")]
    private static partial Regex NotProvided();

    [GeneratedRegex("parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\"")]
    private static partial Regex TypedParameter();
}

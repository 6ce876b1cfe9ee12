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
            // A repeated query parameter reaches the binder as its values joined by commas: "1,2".
            return failed.Groups["value"].Value.Contains(',', StringComparison.Ordinal)
                ? $"{failed.Groups["name"].Value} is given more than once (or holds a comma); give it once, as {Expected(failed.Groups["type"].Value)}."
                : $"{failed.Groups["name"].Value} must be {Expected(failed.Groups["type"].Value)}.";
        }

        if (NotProvided().Match(message) is { Success: true } missing)
        {
            return $"{missing.Groups["name"].Value} is required.";
        }

        // any other message that quotes a parameter with its type keeps the name only
        return TypedParameter().Replace(message, "parameter \"${name}\"");
    }

    /// <summary>The route or query parameter a binding refusal is about, to name it in <c>fieldErrors</c>; null when none is named.</summary>
    public static string? FieldOf(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return FailedToBind().Match(message) is { Success: true } failed ? failed.Groups["name"].Value
            : NotProvided().Match(message) is { Success: true } missing ? missing.Groups["name"].Value
            : null;
    }

    private static string Expected(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "short" or "Nullable<int>" or "Nullable<long>" => "a whole number, e.g. 50",
        "bool" or "Nullable<bool>" => "true or false",
        "decimal" or "double" => "a number",
        _ => "a value of the documented format",
    };

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\" was not provided")]
    private static partial Regex NotProvided();

    [GeneratedRegex("parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\"")]
    private static partial Regex TypedParameter();
}

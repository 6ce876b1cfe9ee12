namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>A path template as the OpenAPI document writes it (<c>/funds/{fundId}/calls/{callId}</c>), filled placeholder by placeholder.</summary>
public static class PathTemplate
{
    /// <summary>The names of the template's placeholders, in order.</summary>
    public static IReadOnlyList<string> Placeholders(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. template.Split('/').Where(part => part.StartsWith('{')).Select(Name)];
    }

    /// <summary>The template with each placeholder replaced by <paramref name="value"/>(its name, its index among the placeholders), in order.</summary>
    public static string Fill(string template, Func<string, int, string> value)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(value);
        var parts = template.Split('/');
        var index = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith('{'))
            {
                parts[i] = value(Name(parts[i]), index++);
            }
        }

        return string.Join('/', parts);
    }

    private static string Name(string placeholder) => placeholder.Trim('{', '}').Split(':')[0];
}

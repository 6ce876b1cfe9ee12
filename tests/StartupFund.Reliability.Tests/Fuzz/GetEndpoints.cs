using System.Text.Json;

namespace StartupFund.Reliability.Tests.Fuzz;

/// <summary>A parameter an endpoint declares: its name, where it goes (<c>query</c> or <c>path</c>) and its schema type.</summary>
public sealed record GetParameter(string Name, string In, string? Type);

/// <summary>A GET endpoint of the OpenAPI document: its path template and the parameters it declares.</summary>
public sealed record GetEndpoint(string Template, IReadOnlyList<GetParameter> Parameters)
{
    public IReadOnlyList<GetParameter> Query => [.. Parameters.Where(p => p.In == "query")];
}

/// <summary>
/// Every GET endpoint of the API, read from the OpenAPI document the running process serves (as
/// <see cref="PostEndpoints"/> reads the commands), so an endpoint added later is fuzzed without anyone
/// remembering to list it (see <see cref="IsLeftOut"/> for what is not).
/// </summary>
public static class GetEndpoints
{
    public static IReadOnlyList<GetEndpoint> From(string openApiJson)
    {
        using var document = JsonDocument.Parse(openApiJson);
        var endpoints = new List<GetEndpoint>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get) || IsLeftOut(path.Name))
            {
                continue;
            }

            endpoints.Add(new GetEndpoint(path.Name, [.. Parameters(path.Value), .. Parameters(get)]));
        }

        return endpoints;
    }

    /// <summary>
    /// Routes that are not the API's resources: health probes, the OpenAPI document and its viewer, the
    /// web app (its pages under /app, its static files under /_content, Blazor's /_framework, the
    /// /favicon.ico it answers 404) and the static-file fallback (<c>{**path:file}</c>).
    /// </summary>
    public static bool IsLeftOut(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        string[] prefixes = ["/health/", "/openapi/", "/docs", "/_content/", "/_framework/", "/{**"];
        return route == "/favicon.ico" || prefixes.Any(prefix => route.StartsWith(prefix, StringComparison.Ordinal)) || Judge.IsWebApp(route);
    }

    private static IEnumerable<GetParameter> Parameters(JsonElement operation)
    {
        if (!operation.TryGetProperty("parameters", out var parameters))
        {
            yield break;
        }

        foreach (var parameter in parameters.EnumerateArray())
        {
            if (parameter.TryGetProperty("name", out var name) && parameter.TryGetProperty("in", out var where))
            {
                var type = parameter.TryGetProperty("schema", out var schema) ? PostEndpoints.TypeOf(schema) : null;
                yield return new GetParameter(name.GetString()!, where.GetString()!, type);
            }
        }
    }
}

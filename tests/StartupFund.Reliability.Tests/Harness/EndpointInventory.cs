using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StartupFund.Reliability.Tests.Harness;

/// <summary>
/// Every route of the API host that accepts a method (POST, GET), read from its EndpointDataSource (the
/// host built in-process, serving nothing): the OpenAPI document leaves out what is excluded from
/// description, such as the web app's form posts, and a fuzz test must miss none.
/// </summary>
public static class EndpointInventory
{
    public static IReadOnlyList<string> PostRoutes(string connectionString, string signingKey) => Routes("POST", connectionString, signingKey);

    public static IReadOnlyList<string> GetRoutes(string connectionString, string signingKey) => Routes("GET", connectionString, signingKey);

    private static IReadOnlyList<string> Routes(string method, string connectionString, string signingKey)
    {
        using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:StartupFund", connectionString);
            builder.UseSetting("Auth:SigningKey", signingKey);
            builder.ConfigureLogging(logging => logging.ClearProviders());
        });
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        return [.. endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not { } methods
                || methods.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase))
            .Select(e => Normalized(e.RoutePattern.RawText ?? ""))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>A route as the OpenAPI document writes it: no constraints, no trailing slash.</summary>
    public static string Normalized(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var parts = route.Split('/').Select(part => part.StartsWith('{') ? "{" + part.Trim('{', '}').Split(':', '=', '?')[0] + "}" : part);
        var normalized = string.Join('/', parts).TrimEnd('/');
        return normalized.StartsWith('/') ? normalized : "/" + normalized;
    }
}

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StartupFund.Api.Tests.Support;
using static StartupFund.Api.Tests.Security.Personas;
using static StartupFund.Api.Tests.Support.Builders;

namespace StartupFund.Api.Tests.Security;

/// <summary>The API with the matrix's resources: fund-de (funded), app-de approved, accepted and co-invested in by inv-own; a Kenyan fund beside it.</summary>
public sealed partial class MatrixFixture : ApiFactory
{
    public Scenario For(string persona) => All[persona] is { } identity ? As(identity) : WithToken(null);

    /// <summary>Every endpoint of the app as "METHOD template" (constraints dropped, no trailing slash).</summary>
    public IReadOnlyList<(string Key, Endpoint Endpoint)> Endpoints() =>
        [.. Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => (KeyOf(m, e.RoutePattern.RawText ?? ""), (Endpoint)e)))];

    /// <summary>
    /// The web app's pages and assets (issue 7), served by the same host: its pages are public and call the
    /// API with the signed-in user's token, so the API's rules apply to everything they show. The browser
    /// tests cover them; the matrix covers the API. <c>/favicon.ico</c>, which browsers ask every site for,
    /// is the web app's too: a 404 for anyone.
    /// </summary>
    public static bool IsWebApp(string key)
    {
        var route = key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        return route is "/app" or "/favicon.ico" || route.StartsWith("/app/", StringComparison.Ordinal)
            || route.StartsWith("/_content/", StringComparison.Ordinal) || route.StartsWith("/_framework/", StringComparison.Ordinal);
    }

    /// <summary>The catch-all for file-like paths that ASP.NET Core adds for the web app's static files; it has no metadata of its own.</summary>
    public static bool IsFrameworkFallback(Endpoint endpoint) =>
        endpoint.DisplayName?.StartsWith("Fallback ", StringComparison.Ordinal) == true;

    public async Task SeedAsync()
    {
        if (await EventCountAsync() > 0)
        {
            return;
        }

        var s = Scenario();
        await OpenFundedAsync(s, FundId, "DE", "EUR", "1000000.00");
        await OpenFundedAsync(s, "fund-ke", "KE", "KES", "1000000.00");
        await For(StartupOwn).Post("/applications", AccessMatrix.SubmissionBody(AppId)).Expect(201);
        await For(ManagerIn).Post($"/applications/{AppId}/review").Expect(200);
        await For(ManagerIn).Post($"/applications/{AppId}/approval", Approval("EUR", "1000.00")).Expect(200);
        await For(StartupOwn).Post($"/applications/{AppId}/offer/acceptance").Expect(200);
        // The fund manager introduces the co-investor; from then on it records its own.
        await For(ManagerIn).Post($"/applications/{AppId}/co-investments",
            new { investorId = OwnInvestor, investorName = "Angels", amount = Money("500.00", "EUR") }).Expect(200);
    }

    private static string KeyOf(string method, string template)
    {
        var route = Constraint().Replace(template, "}");
        route = route.Length > 1 ? route.TrimEnd('/') : route;
        return method + " " + (route.StartsWith('/') ? route : "/" + route);
    }

    [GeneratedRegex(@":[a-zA-Z]+\}")]
    private static partial Regex Constraint();
}

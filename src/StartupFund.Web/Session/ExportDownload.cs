using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StartupFund.Web.Api;

namespace StartupFund.Web.Session;

/// <summary>
/// /app/audit/export: the browser cannot send the bearer token to the API itself (the cookie counts
/// under /app only), so this streams the API's export through, with the signed-in user's token.
/// </summary>
public static class ExportDownload
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/app/audit/export", async (string? country, HttpContext http, ApiClient api, CancellationToken token) =>
        {
            var query = string.IsNullOrEmpty(country) ? string.Empty : "?country=" + Uri.EscapeDataString(country);
            using var response = await api.StreamAsync("audit/export" + query, token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var problem = ApiProblem.Parse((int)response.StatusCode, await response.Content.ReadAsStringAsync(token).ConfigureAwait(false));
                http.Response.Redirect("/app/audit/verify?error=" + Uri.EscapeDataString(problem.Code) + (query.Length > 0 ? "&" + query[1..] : string.Empty));
                return;
            }

            http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/jsonl";
            if (response.Content.Headers.ContentDisposition is { } disposition)
            {
                http.Response.Headers.ContentDisposition = disposition.ToString();
            }

            await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await body.CopyToAsync(http.Response.Body, token).ConfigureAwait(false);
        }).AllowAnonymous().ExcludeFromDescription();
    }
}

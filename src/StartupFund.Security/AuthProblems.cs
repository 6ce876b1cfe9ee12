using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace StartupFund.Security;

/// <summary>401 and 403 as RFC 7807 ProblemDetails with a stable <c>code</c>, through the host's ProblemDetails service.</summary>
public static class AuthProblems
{
    public static async Task WriteAsync(HttpContext http, int status, string code, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = status == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden",
            Detail = detail,
            Type = ProblemTypes.Of(code),
        };
        problem.Extensions["code"] = code;
        http.Response.StatusCode = status;
        await Results.Problem(problem).ExecuteAsync(http).ConfigureAwait(false);
    }
}

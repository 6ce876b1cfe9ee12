using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using StartupFund.Api.Http;

namespace StartupFund.Api.Access;

/// <summary>Configuration section <c>RateLimit</c>: requests each caller may send per window.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    /// <summary>0 turns the limiter off (benchmarks and load tests).</summary>
    public int PermitsPerWindow { get; set; } = 600;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// One fixed window per caller: the token's subject, else the remote address (unauthenticated
/// requests). Over the limit: 429 with Retry-After and ProblemDetails code <see cref="Code"/>.
/// </summary>
public static class CallerRateLimits
{
    public const string Code = "request.rate_limited";

    /// <summary>Reads the <c>RateLimit</c> section when the host is built (so test hosts can set it).</summary>
    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((limiter, configuration) =>
        {
            var options = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
            if (options.PermitsPerWindow < 0 || options.WindowSeconds < 1)
            {
                throw new InvalidOperationException("RateLimit:PermitsPerWindow must be >= 0 (0 = off) and RateLimit:WindowSeconds >= 1.");
            }

            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                options.PermitsPerWindow == 0
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetFixedWindowLimiter(PartitionOf(http), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitsPerWindow,
                        Window = TimeSpan.FromSeconds(options.WindowSeconds),
                        QueueLimit = 0,
                    }));
            limiter.OnRejected = (context, token) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(options.WindowSeconds);
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problem = Problems.Problem(StatusCodes.Status429TooManyRequests, Code, "Too many requests",
                    $"At most {options.PermitsPerWindow} requests per {options.WindowSeconds} s per caller; retry after the Retry-After seconds.");
                problem.Extensions["correlationId"] = Correlation.IdOf(http);
                return new ValueTask(Results.Problem(problem).ExecuteAsync(http));
            };
        });
        return services;
    }

    private static string PartitionOf(HttpContext http)
    {
        var caller = Scopes.CallerOf(http);
        return caller.IsAuthenticated ? "sub:" + caller.Subject : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace StartupFund.Web.Api;

/// <summary>
/// The API could not answer this request: it said 5xx, or it could not be reached at all. A page
/// cannot show anything true without it, so the web app answers <see cref="PageStatus"/> with its
/// failure page (<see cref="FailurePages"/>) in place of the page asked for.
/// </summary>
public sealed class ApiFailedException : Exception
{
    /// <summary>What to tell a client to wait when the API did not say (the page says "in a minute").</summary>
    public const int DefaultRetryAfterSeconds = 60;

    /// <summary>A longer Retry-After is not one (an HTTP-date is 29 characters): it is not passed on.</summary>
    public const int RetryAfterMaxLength = 64;

    public ApiFailedException()
        : this("The API could not answer.")
    {
    }

    public ApiFailedException(string message)
        : this(message, null)
    {
    }

    public ApiFailedException(string message, Exception? innerException)
        : this(0, null, message, innerException)
    {
    }

    private ApiFailedException(int apiStatus, string? apiRetryAfter, string message, Exception? innerException)
        : base(message, innerException)
    {
        ApiStatus = apiStatus;
        // Unavailable (503) or silent (no answer, a timeout): say so under 503 and when to come back.
        // Any other 5xx is a failure behind this app that it cannot explain: a bad gateway.
        PageStatus = apiStatus is 0 or StatusCodes.Status503ServiceUnavailable
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status502BadGateway;
        if (PageStatus == StatusCodes.Status503ServiceUnavailable)
        {
            RetryAfter = IsRetryAfter(apiRetryAfter) ? apiRetryAfter : DefaultRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The API's status, or 0 when it gave none (refused, reset, timed out).</summary>
    public int ApiStatus { get; }

    /// <summary>The status the web page answers: 503 (unavailable, unreachable) or 502 (any other 5xx).</summary>
    public int PageStatus { get; }

    /// <summary>The Retry-After of a 503: the API's own value, else <see cref="DefaultRetryAfterSeconds"/>; null otherwise.</summary>
    public string? RetryAfter { get; }

    /// <summary>The API answered <paramref name="apiStatus"/> (5xx), with this Retry-After header if any.</summary>
    public static ApiFailedException Answered(int apiStatus, string? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(apiStatus, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(apiStatus, 599);
        return new ApiFailedException(apiStatus, retryAfter, $"The API answered {apiStatus.ToString(CultureInfo.InvariantCulture)}.", null);
    }

    /// <summary>No answer: the connection was refused or broken, or the API took longer than the client's timeout.</summary>
    public static ApiFailedException Unreachable(Exception cause) => new(0, null, "The API could not be reached.", cause);

    /// <summary>Delta-seconds or an HTTP-date, in printable ASCII: safe to send on as a header.</summary>
    private static bool IsRetryAfter(string? value) =>
        value is { Length: > 0 and <= RetryAfterMaxLength } && value.All(c => c is >= ' ' and <= '~');
}

namespace StartupFund.Security;

/// <summary>
/// The problem type URL of a stable code, one spelling for every ProblemDetails the host writes: the API's refusals,
/// the framework's and the authentication layer's (which sits below the API, hence its home here).
/// </summary>
public static class ProblemTypes
{
    public static string Of(string code) => $"https://startupfund.example/problems/{code}";
}

namespace StartupFund.Api.Access;

/// <summary>A refusal of the access rules: 403, or 404 when the caller may not even know the resource exists.</summary>
public sealed class AccessDeniedException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}

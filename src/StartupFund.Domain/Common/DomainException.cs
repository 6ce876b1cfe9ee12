namespace StartupFund.Domain.Common;

/// <summary>How an edge should report a refusal: malformed input (400) or a business rule (422).</summary>
public enum DomainErrorKind
{
    Validation,
    BusinessRule,
}

/// <summary>
/// A refusal with a stable machine code (see <see cref="ErrorCodes"/>) and a human message; a refused input
/// also names its <see cref="Field"/> where one is to blame, as a path in the command's own camelCase names
/// (<c>amount</c>, <c>tranches[1].dueDate</c>, <c>policy.ticketMax</c>), which are the request body's.
/// </summary>
public sealed record DomainError(string Code, string Message, DomainErrorKind Kind, string? Field = null);

/// <summary>Thrown by value types and deciders when a command or a value breaks a rule.</summary>
public sealed class DomainException : Exception
{
    public DomainException(DomainError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public DomainError Error { get; }

    public string Code => Error.Code;

    public string? Field => Error.Field;

    public static DomainException Rule(string code, string message) =>
        new(new DomainError(code, message, DomainErrorKind.BusinessRule));

    public static DomainException Invalid(string code, string message, string? field = null) =>
        new(new DomainError(code, message, DomainErrorKind.Validation, field));
}

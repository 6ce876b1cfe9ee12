namespace StartupFund.Domain.Common;

/// <summary>How an edge should report a refusal: malformed input (400) or a business rule (422).</summary>
public enum DomainErrorKind
{
    Validation,
    BusinessRule,
}

/// <summary>
/// A refusal with a stable machine code (see <see cref="ErrorCodes"/>) and a human message; a refused input,
/// or a rule about one input (an amount above what is outstanding), also names its <see cref="Field"/>, as a path in the command's own camelCase names
/// (<c>amount</c>, <c>tranches[1].dueDate</c>, <c>policy.ticketMax</c>), which are the request body's.
/// </summary>
public sealed record DomainError(string Code, string Message, DomainErrorKind Kind, string? Field = null);

/// <summary>Thrown by value types and deciders when a command or a value breaks a rule.</summary>
public sealed class DomainException : Exception
{
    public DomainException(DomainError error)
        : this(error, null)
    {
    }

    /// <param name="cause">What found the breach when it was not a decider (a unique index, for one).</param>
    public DomainException(DomainError error, Exception? cause)
        : base(error?.Message, cause)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public DomainError Error { get; }

    public string Code => Error.Code;

    public string? Field => Error.Field;

    /// <summary>A business rule refused the command; <paramref name="field"/> names the input the refusal is about, if one is.</summary>
    public static DomainException Rule(string code, string message, string? field = null, Exception? cause = null) =>
        new(new DomainError(code, message, DomainErrorKind.BusinessRule, field), cause);

    public static DomainException Invalid(string code, string message, string? field = null) =>
        new(new DomainError(code, message, DomainErrorKind.Validation, field));
}

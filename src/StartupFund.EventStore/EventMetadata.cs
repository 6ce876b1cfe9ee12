namespace StartupFund.EventStore;

/// <summary>Who caused an append and in which conversation; stored as each event's metadata.</summary>
public sealed record EventMetadata
{
    public const int MaxIdLength = 200;
    public const int MaxActorLength = 200;

    public EventMetadata(string? correlationId = null, string? causationId = null, string? actor = null)
    {
        CorrelationId = Bounded(correlationId, MaxIdLength, nameof(correlationId));
        CausationId = Bounded(causationId, MaxIdLength, nameof(causationId));
        Actor = Bounded(actor, MaxActorLength, nameof(actor));
    }

    public static EventMetadata None { get; } = new();

    public string? CorrelationId { get; init; }

    public string? CausationId { get; init; }

    public string? Actor { get; init; }

    private static string? Bounded(string? value, int maxLength, string name) =>
        value is { Length: > 0 } && value.Length > maxLength
            ? throw new ArgumentException($"{name} is {value.Length} characters long; the limit is {maxLength}.", name)
            : value;
}

namespace StartupFund.EventStore;

/// <summary>An event type has no registered alias, or a stored alias maps to no type.</summary>
public sealed class UnknownEventTypeException(string message) : EventStoreException(message);

namespace StartupFund.EventStore;

/// <summary>Base of every error the event store raises on purpose.</summary>
public class EventStoreException(string message) : Exception(message);

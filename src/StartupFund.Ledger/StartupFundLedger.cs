using Npgsql;
using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Events;
using StartupFund.Domain.Funds;
using StartupFund.EventStore;
using StartupFund.EventStore.Aggregates;
using StartupFund.EventStore.Schema;
using StartupFund.EventStore.Serialization;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Pipeline;
using StartupFund.Ledger.Projections;
using StartupFund.Ledger.Schema;
using StartupFund.Ledger.Views;

namespace StartupFund.Ledger;

public sealed class LedgerOptions
{
    /// <summary>Schema of the event store (streams, events, snapshots).</summary>
    public SchemaName EventSchema { get; init; } = new("eventstore");

    /// <summary>Schema of the ledger's read models and idempotency records.</summary>
    public SchemaName ReadSchema { get; init; } = new("ledger");

    public IClock Clock { get; init; } = SystemClock.Instance;

    /// <summary>Attempts of a command that loses its race and carries no If-Match (the first try included).</summary>
    public int MaxCommandAttempts { get; init; } = 12;

    /// <summary>
    /// A fund's stream grows with every approval and payment of every application, and every such
    /// command loads it: a snapshot every 16 events keeps a load under 16 events of JSON.
    /// </summary>
    public int FundSnapshotEvery { get; init; } = 16;

    /// <summary>An application's stream stays short (tens of events); snapshots matter little.</summary>
    public int ApplicationSnapshotEvery { get; init; } = 100;

    /// <summary>How many streams' folded states the store remembers to decide on without a read (EventStoreOptions.RememberedStates).</summary>
    public int RememberedStates { get; init; } = new EventStoreOptions().RememberedStates;
}

/// <summary>The application over one database: its event store, command handlers and queries.</summary>
public sealed class StartupFundLedger
{
    private readonly NpgsqlDataSource dataSource;
    private readonly LedgerOptions options;

    public StartupFundLedger(NpgsqlDataSource dataSource, LedgerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
        this.options = options ?? new LedgerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.MaxCommandAttempts, 1);
        var registry = new EventTypeRegistry();
        foreach (var (type, alias) in EventAliases.All)
        {
            registry.Register(type, alias);
        }

        var readSchema = this.options.ReadSchema;
        Store = new EventStore.EventStore(dataSource, new EventStoreOptions
        {
            Schema = this.options.EventSchema,
            Clock = this.options.Clock,
            Events = registry,
            Json = LedgerJson.Storage,
            InlineProjections = [new ReadModelProjection(readSchema)],
            RememberedStates = this.options.RememberedStates,
            Aggregates =
            [
                new AggregateDefinition<FundState>(Streams.FundType, FundState.Initial, FundDecider.Evolve, this.options.FundSnapshotEvery,
                    shape: FundState.Shape),
                new AggregateDefinition<ApplicationState>(Streams.ApplicationType, ApplicationState.Initial, ApplicationDecider.Evolve, this.options.ApplicationSnapshotEvery,
                    shape: ApplicationState.Shape),
            ],
        });
        var pipeline = new CommandPipeline(Store, new IdempotencyStore(dataSource, readSchema), this.options.Clock, this.options.MaxCommandAttempts);
        Commands = new LedgerCommands(Store, pipeline);
        Queries = new LedgerQueries(dataSource, readSchema, this.options.Clock);
    }

    public EventStore.EventStore Store { get; }

    public LedgerCommands Commands { get; }

    public LedgerQueries Queries { get; }

    public IClock Clock => options.Clock;

    /// <summary>Creates or upgrades the event store and the read-model schema (idempotent, safe from several processes).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await Store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await ReadModelSchema.MigrateAsync(dataSource, options.ReadSchema, Store.Schema, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Empties the read models and replays the whole log into them, in one transaction (after an
    /// import, or to repair them); returns the events replayed. Run it with no commands arriving.
    /// Waits up to <paramref name="horizonWait"/> (default a minute) for a transaction open elsewhere
    /// on the server to end, then throws <see cref="InvalidOperationException"/> having changed nothing.
    /// </summary>
    public async Task<long> RebuildReadModelsAsync(TimeSpan? horizonWait = null, CancellationToken cancellationToken = default)
    {
        await ReadModelSchema.MigrateAsync(dataSource, options.ReadSchema, Store.Schema, cancellationToken).ConfigureAwait(false);
        var rebuild = new ReadModelRebuild(dataSource, Store, options.ReadSchema, horizonWait ?? TimeSpan.FromMinutes(1));
        return await rebuild.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the database answers (readiness).</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand($"select count(*) from {options.ReadSchema.Quoted}.idempotency where false");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}

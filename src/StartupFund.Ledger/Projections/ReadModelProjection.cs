using System.Text.Json;
using Npgsql;
using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.Domain.Funds;
using StartupFund.Domain.Journal;
using StartupFund.EventStore;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Views;
using static StartupFund.Ledger.Projections.ProjectionSql;

namespace StartupFund.Ledger.Projections;

/// <summary>
/// Every read model, inside the append transaction, in no round trip of its own. When the store
/// knows the state each fund and application stream of the append folds to, the writes are planned
/// from those states and go with the events and the COMMIT (<see cref="PlanWrites"/>); otherwise the
/// current documents are read with the events' write (<see cref="PlanReads"/>), the events folded onto
/// them, and the statements sent with the commit write
/// <list type="bullet">
/// <item>the funds table: each fund's folded state with its version, per country;</item>
/// <item>the applications table: each application's folded state with the columns the portfolio and
/// pipeline queries group by (country, status, sector, stage) and its submission/decision instants;</item>
/// <item>the double-entry journal: one entry per money event (<see cref="JournalPosting"/>) and each
/// account's four balance columns, from which every fund and country figure is derived.</item>
/// </list>
/// The stream rows are already locked by the append, so these rows cannot be written concurrently.
/// </summary>
internal sealed class ReadModelProjection(SchemaName readSchema) : IInlineProjection
{
    private readonly string s = readSchema.Quoted;

    /// <summary>
    /// The writes of an append whose every fund and application stream comes with the state it folds
    /// to (the store knew the state before): the documents are those states, so nothing is read.
    /// </summary>
    public IReadOnlyList<NpgsqlBatchCommand>? PlanWrites(SchemaName storeSchema, IReadOnlyList<PendingAppend> streams)
    {
        var writes = new List<NpgsqlBatchCommand>();
        foreach (var stream in streams)
        {
            var events = stream.Events;
            var at = events[^1].RecordedAt;
            if (stream.State is FundState fund && events.All(e => e.Data is IFundEvent f && f.FundId == fund.Id))
            {
                writes.Add(FundRow(fund, stream.NewVersion, at));
            }
            else if (stream.State is ApplicationState application
                && events.All(e => e.Data is IApplicationEvent a && a.ApplicationId == application.Id))
            {
                writes.Add(ApplicationRow(application.Id.Value, application, stream.NewVersion, at));
            }
            else if (events.Any(e => e.Data is IFundEvent or IApplicationEvent))
            {
                return null;
            }
        }

        writes.AddRange(Journal(storeSchema, streams.SelectMany(s => s.Events)));
        return writes;
    }

    public ProjectionReads PlanReads(IReadOnlyList<StreamAppend> appends) => ReadsFor(appends.SelectMany(a => a.Events));

    /// <summary>The documents the events' funds and applications fold onto.</summary>
    internal ProjectionReads ReadsFor(IEnumerable<object> events)
    {
        var data = events.ToList();
        return new CurrentDocuments(s,
            [.. data.OfType<IFundEvent>().Select(e => e.FundId.Value).Distinct(StringComparer.Ordinal)],
            [.. data.OfType<IApplicationEvent>().Select(e => e.ApplicationId.Value).Distinct(StringComparer.Ordinal)]);
    }

    public Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var fundEvents = events.Where(e => e.Data is IFundEvent).GroupBy(e => ((IFundEvent)e.Data).FundId.Value, StringComparer.Ordinal).ToList();
        var applicationEvents = events.Where(e => e.Data is IApplicationEvent)
            .GroupBy(e => ((IApplicationEvent)e.Data).ApplicationId.Value, StringComparer.Ordinal).ToList();
        var current = context.Reads as CurrentDocuments
            ?? throw new InvalidOperationException("The read-model projection runs only with the documents it planned to read.");
        var (funds, applications) = (current.Funds, current.Applications);

        foreach (var group in fundEvents)
        {
            var state = Current(funds, group.Key, group, FundState.Initial, "fund");
            foreach (var recorded in group.OrderBy(e => e.Version))
            {
                state = FundDecider.Evolve(state, recorded.Data);
            }

            var last = group.MaxBy(e => e.Version)!;
            context.WriteWithCommit(FundRow(state, last.Version, last.RecordedAt));
        }

        foreach (var group in applicationEvents)
        {
            var state = Current(applications, group.Key, group, ApplicationState.Initial, "application");
            var ordered = group.OrderBy(e => e.Version).ToList();
            foreach (var recorded in ordered)
            {
                state = ApplicationDecider.Evolve(state, recorded.Data);
            }

            var last = ordered[^1];
            context.WriteWithCommit(ApplicationRow(group.Key, state, last.Version, last.RecordedAt));
        }

        foreach (var write in Journal(context.Schema, events.Select(PendingEvent.From)))
        {
            context.WriteWithCommit(write);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The document these events fold onto: the stored one, or the initial state when they start the
    /// stream. A stream already under way without a document means the read models are out of step
    /// with the log (a row deleted by hand); folding onto the initial state would write a partial
    /// document, so the append fails instead and nothing of it is written.
    /// </summary>
    private static TState Current<TState>(Dictionary<string, TState> documents, string id, IEnumerable<RecordedEvent> events, TState initial, string kind)
    {
        if (documents.TryGetValue(id, out var current))
        {
            return current;
        }

        var first = events.Min(e => e.Version);
        return first == 1
            ? initial
            : throw new InvalidOperationException(
                $"The read models have no row for {kind} {id}, whose stream is at version {first - 1}: they are out of step with the event log " +
                "(`startupfund verify-read-models` lists the differences, `rebuild-read-models` repairs them). Nothing was written.");
    }

    private NpgsqlBatchCommand FundRow(FundState state, long version, Instant at) => Command($"""
        insert into {s}.funds (fund_id, country, currency, name, status, version, state, updated_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8)
        on conflict (fund_id) do update set name = excluded.name, status = excluded.status,
            version = excluded.version, state = excluded.state, updated_at = excluded.updated_at
        """,
        Text(state.Id.Value), Text(state.Country.Value), Text(state.Currency.Code), Text(state.Name), Text(state.Status.ToString()),
        Long(version), Jsonb(JsonSerializer.Serialize(state, LedgerJson.Storage)), Time(at));

    /// <summary>
    /// The application's whole row, from its state alone, so that a row deleted by hand is written whole
    /// again. The submission instant is written once, with the row; a decision instant already stored is
    /// kept when the state has none (a document written before states kept it).
    /// </summary>
    private NpgsqlBatchCommand ApplicationRow(string applicationId, ApplicationState state, long version, Instant at)
    {
        if (state.Startup is null)
        {
            throw new InvalidOperationException($"Application {applicationId} has events but no submission.");
        }

        return Command($"""
            insert into {s}.applications (application_id, fund_id, country, currency, status, sector, stage, instrument,
                submitted_at, decided_at, version, state, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            on conflict (application_id) do update set status = excluded.status, sector = excluded.sector,
                stage = excluded.stage, instrument = excluded.instrument, decided_at = coalesce(excluded.decided_at, applications.decided_at),
                version = excluded.version, state = excluded.state, updated_at = excluded.updated_at
            """,
            Text(applicationId), Text(state.FundId.Value), Text(state.Startup.Country.Value), Text(state.Currency.Code), Text(state.Status.ToString()),
            Text(state.Sector), Text(state.Stage.ToString()), Text(state.Instrument.ToString()), Time(state.SubmittedAt), Time(state.DecidedAt),
            Long(version), Jsonb(JsonSerializer.Serialize(state, LedgerJson.Storage)), Time(at));
    }

    /// <summary>
    /// One journal entry per money event, its position read from the events table (the append has
    /// written the event by the time this runs), and each touched account's balance moved by the sum.
    /// </summary>
    private IEnumerable<NpgsqlBatchCommand> Journal(SchemaName storeSchema, IEnumerable<PendingEvent> events)
    {
        var deltas = new Dictionary<(string FundId, AccountCode Account), (long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)>();
        foreach (var pending in events)
        {
            if (JournalPosting.For(pending.Data) is not { } entry)
            {
                continue;
            }

            if (!entry.IsBalanced())
            {
                throw new InvalidOperationException($"The journal entry of {pending.Alias} at {pending.StreamId}@{pending.Version} does not balance.");
            }

            yield return Command($"""
                insert into {s}.journal_entries (fund_id, position, event_type, stream_id, stream_version, recorded_at, transfers, value_date, reference)
                select $1, e.position, $2, $3, $4, $5, $6, $7, $8 from {storeSchema.Quoted}.events e where e.stream_id = $3 and e.version = $4
                """,
                Text(entry.FundId.Value), Text(pending.Alias), Text(pending.StreamId), Long(pending.Version),
                Time(pending.RecordedAt), Jsonb(JsonSerializer.Serialize(entry.Transfers.Select(PostingView.From).ToList(), LedgerJson.Api)),
                Date(entry.ValueDate), Text(entry.Reference));

            foreach (var transfer in entry.Transfers)
            {
                var amount = transfer.Amount.MinorUnits;
                var (posted, pendingAmount) = transfer.Kind switch
                {
                    TransferKind.Posted => (amount, 0L),
                    TransferKind.Pending => (0L, amount),
                    TransferKind.PostPending => (amount, -amount),
                    TransferKind.VoidPending => (0L, -amount),
                    _ => throw new InvalidOperationException($"Unknown transfer kind {transfer.Kind}."),
                };
                var debit = deltas.GetValueOrDefault((entry.FundId.Value, transfer.Debit));
                deltas[(entry.FundId.Value, transfer.Debit)] = (checked(debit.DebitsPosted + posted), debit.CreditsPosted, checked(debit.DebitsPending + pendingAmount), debit.CreditsPending);
                var credit = deltas.GetValueOrDefault((entry.FundId.Value, transfer.Credit));
                deltas[(entry.FundId.Value, transfer.Credit)] = (credit.DebitsPosted, checked(credit.CreditsPosted + posted), credit.DebitsPending, checked(credit.CreditsPending + pendingAmount));
            }
        }

        if (deltas.Count == 0)
        {
            yield break;
        }

        // One statement for every account the append moves, in (fund, account) order so that
        // concurrent appends lock the rows in the same order.
        var moved = deltas.OrderBy(d => d.Key.FundId, StringComparer.Ordinal).ThenBy(d => d.Key.Account).ToList();
        yield return Command($"""
            insert into {s}.account_balances (fund_id, account, debits_posted, credits_posted, debits_pending, credits_pending)
            select * from unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
            on conflict (fund_id, account) do update set
                debits_posted = account_balances.debits_posted + excluded.debits_posted,
                credits_posted = account_balances.credits_posted + excluded.credits_posted,
                debits_pending = account_balances.debits_pending + excluded.debits_pending,
                credits_pending = account_balances.credits_pending + excluded.credits_pending
            """,
            new NpgsqlParameter { Value = moved.Select(d => d.Key.FundId).ToArray() },
            new NpgsqlParameter { Value = moved.Select(d => (int)d.Key.Account).ToArray() },
            new NpgsqlParameter { Value = moved.Select(d => d.Value.DebitsPosted).ToArray() },
            new NpgsqlParameter { Value = moved.Select(d => d.Value.CreditsPosted).ToArray() },
            new NpgsqlParameter { Value = moved.Select(d => d.Value.DebitsPending).ToArray() },
            new NpgsqlParameter { Value = moved.Select(d => d.Value.CreditsPending).ToArray() });
    }

    /// <summary>The funds' and applications' documents as the append found them, read with its events.</summary>
    private sealed class CurrentDocuments(string s, string[] fundIds, string[] applicationIds) : ProjectionReads
    {
        public override IReadOnlyList<NpgsqlBatchCommand> Commands { get; } =
        [
            Command($"select fund_id, state from {s}.funds where fund_id = any($1)", new NpgsqlParameter { Value = fundIds }),
            Command($"select application_id, state from {s}.applications where application_id = any($1)",
                new NpgsqlParameter { Value = applicationIds }),
        ];

        public Dictionary<string, FundState> Funds { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ApplicationState> Applications { get; } = new(StringComparer.Ordinal);

        public override void ReadRow(int command, NpgsqlDataReader row)
        {
            if (command == 0)
            {
                Funds[row.GetString(0)] = JsonSerializer.Deserialize<FundState>(row.GetString(1), LedgerJson.Storage) ?? FundState.Initial;
                return;
            }

            Applications[row.GetString(0)] = JsonSerializer.Deserialize<ApplicationState>(row.GetString(1), LedgerJson.Storage) ?? ApplicationState.Initial;
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}

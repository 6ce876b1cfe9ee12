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
/// Every read model, inside the append transaction, in no round trip of its own: the current
/// documents of the funds and applications the append touches are read with the events' write
/// (<see cref="PlanReads"/>), then the statements sent with the commit write
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

    public ProjectionReads PlanReads(IReadOnlyList<StreamAppend> appends)
    {
        var data = appends.SelectMany(a => a.Events).ToList();
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
            var state = funds.GetValueOrDefault(group.Key, FundState.Initial);
            foreach (var recorded in group.OrderBy(e => e.Version))
            {
                state = FundDecider.Evolve(state, recorded.Data);
            }

            var last = group.MaxBy(e => e.Version)!;
            context.WriteWithCommit(Command($"""
                insert into {s}.funds (fund_id, country, currency, name, status, version, state, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8)
                on conflict (fund_id) do update set name = excluded.name, status = excluded.status,
                    version = excluded.version, state = excluded.state, updated_at = excluded.updated_at
                """,
                Text(group.Key), Text(state.Country.Value), Text(state.Currency.Code), Text(state.Name), Text(state.Status.ToString()),
                Long(last.Version), Jsonb(JsonSerializer.Serialize(state, LedgerJson.Storage)), Time(last.RecordedAt)));
        }

        foreach (var group in applicationEvents)
        {
            var (state, submittedAt, decidedAt) = applications.GetValueOrDefault(group.Key, (ApplicationState.Initial, null, null));
            foreach (var recorded in group.OrderBy(e => e.Version))
            {
                state = ApplicationDecider.Evolve(state, recorded.Data);
                switch (recorded.Data)
                {
                    case ApplicationSubmitted submitted:
                        submittedAt = submitted.SubmittedAt;
                        break;
                    case ApplicationApproved approved:
                        decidedAt ??= approved.ApprovedAt;
                        break;
                    case ApplicationRejected rejected:
                        decidedAt ??= rejected.RejectedAt;
                        break;
                }
            }

            if (state.Startup is null || submittedAt is null)
            {
                throw new InvalidOperationException($"Application {group.Key} has events but no submission.");
            }

            var last = group.MaxBy(e => e.Version)!;
            context.WriteWithCommit(Command($"""
                insert into {s}.applications (application_id, fund_id, country, currency, status, sector, stage, instrument,
                    submitted_at, decided_at, version, state, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                on conflict (application_id) do update set status = excluded.status, sector = excluded.sector,
                    stage = excluded.stage, instrument = excluded.instrument, decided_at = excluded.decided_at,
                    version = excluded.version, state = excluded.state, updated_at = excluded.updated_at
                """,
                Text(group.Key), Text(state.FundId.Value), Text(state.Startup.Country.Value), Text(state.Currency.Code), Text(state.Status.ToString()),
                Text(state.Sector), Text(state.Stage.ToString()), Text(state.Instrument.ToString()), Time(submittedAt), Time(decidedAt),
                Long(last.Version), Jsonb(JsonSerializer.Serialize(state, LedgerJson.Storage)), Time(last.RecordedAt)));
        }

        AddJournal(context, events);
        return Task.CompletedTask;
    }

    private void AddJournal(ProjectionContext context, IReadOnlyList<RecordedEvent> events)
    {
        var deltas = new Dictionary<(string FundId, AccountCode Account), (long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending)>();
        foreach (var recorded in events)
        {
            if (JournalPosting.For(recorded.Data) is not { } entry)
            {
                continue;
            }

            if (!entry.IsBalanced())
            {
                throw new InvalidOperationException($"The journal entry of {recorded.Alias} at {recorded.StreamId}@{recorded.Version} does not balance.");
            }

            context.WriteWithCommit(Command($"""
                insert into {s}.journal_entries (fund_id, position, event_type, stream_id, stream_version, recorded_at, transfers)
                values ($1, $2, $3, $4, $5, $6, $7)
                """,
                Text(entry.FundId.Value), Long(recorded.Position), Text(recorded.Alias), Text(recorded.StreamId), Long(recorded.Version),
                Time(recorded.RecordedAt), Jsonb(JsonSerializer.Serialize(entry.Transfers.Select(PostingView.From).ToList(), LedgerJson.Api))));

            foreach (var transfer in entry.Transfers)
            {
                var amount = transfer.Amount.MinorUnits;
                var (posted, pending) = transfer.Kind switch
                {
                    TransferKind.Posted => (amount, 0L),
                    TransferKind.Pending => (0L, amount),
                    TransferKind.PostPending => (amount, -amount),
                    TransferKind.VoidPending => (0L, -amount),
                    _ => throw new InvalidOperationException($"Unknown transfer kind {transfer.Kind}."),
                };
                var debit = deltas.GetValueOrDefault((entry.FundId.Value, transfer.Debit));
                deltas[(entry.FundId.Value, transfer.Debit)] = (checked(debit.DebitsPosted + posted), debit.CreditsPosted, checked(debit.DebitsPending + pending), debit.CreditsPending);
                var credit = deltas.GetValueOrDefault((entry.FundId.Value, transfer.Credit));
                deltas[(entry.FundId.Value, transfer.Credit)] = (credit.DebitsPosted, checked(credit.CreditsPosted + posted), credit.DebitsPending, checked(credit.CreditsPending + pending));
            }
        }

        foreach (var ((fundId, account), delta) in deltas.OrderBy(d => d.Key.FundId, StringComparer.Ordinal).ThenBy(d => d.Key.Account))
        {
            context.WriteWithCommit(Command($"""
                insert into {s}.account_balances (fund_id, account, debits_posted, credits_posted, debits_pending, credits_pending)
                values ($1, $2, $3, $4, $5, $6)
                on conflict (fund_id, account) do update set
                    debits_posted = account_balances.debits_posted + excluded.debits_posted,
                    credits_posted = account_balances.credits_posted + excluded.credits_posted,
                    debits_pending = account_balances.debits_pending + excluded.debits_pending,
                    credits_pending = account_balances.credits_pending + excluded.credits_pending
                """,
                Text(fundId), Int((int)account), Long(delta.DebitsPosted), Long(delta.CreditsPosted), Long(delta.DebitsPending), Long(delta.CreditsPending)));
        }
    }

    /// <summary>The funds' and applications' documents as the append found them, read with its events.</summary>
    private sealed class CurrentDocuments(string s, string[] fundIds, string[] applicationIds) : ProjectionReads
    {
        public override IReadOnlyList<NpgsqlBatchCommand> Commands { get; } =
        [
            Command($"select fund_id, state from {s}.funds where fund_id = any($1)", new NpgsqlParameter { Value = fundIds }),
            Command($"select application_id, state, submitted_at, decided_at from {s}.applications where application_id = any($1)",
                new NpgsqlParameter { Value = applicationIds }),
        ];

        public Dictionary<string, FundState> Funds { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (ApplicationState, Instant?, Instant?)> Applications { get; } = new(StringComparer.Ordinal);

        public override void ReadRow(int command, NpgsqlDataReader row)
        {
            if (command == 0)
            {
                Funds[row.GetString(0)] = JsonSerializer.Deserialize<FundState>(row.GetString(1), LedgerJson.Storage) ?? FundState.Initial;
                return;
            }

            Applications[row.GetString(0)] = (
                JsonSerializer.Deserialize<ApplicationState>(row.GetString(1), LedgerJson.Storage) ?? ApplicationState.Initial,
                Instant.FromDateTimeUtc(row.GetDateTime(2)),
                row.IsDBNull(3) ? null : Instant.FromDateTimeUtc(row.GetDateTime(3)));
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}

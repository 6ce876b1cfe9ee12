using System.Text.Json;
using StartupFund.Domain.Journal;
using StartupFund.EventStore;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger.Json;
using StartupFund.Ledger.Views;
using static StartupFund.Ledger.Projections.ProjectionSql;

namespace StartupFund.Ledger.Projections;

/// <summary>
/// The double-entry journal: one entry per money event (<see cref="JournalPosting"/>), and each
/// account's four balance columns (posted/pending debits/credits). Every fund and country figure
/// is derived from these balances.
/// </summary>
internal sealed class JournalProjection(SchemaName readSchema) : IInlineProjection
{
    private readonly string s = readSchema.Quoted;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
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

            await using (var insert = context.CreateCommand($"""
                insert into {s}.journal_entries (fund_id, position, event_type, stream_id, stream_version, recorded_at, transfers)
                values ($1, $2, $3, $4, $5, $6, $7)
                """))
            {
                insert.Parameters.Add(Text(entry.FundId.Value));
                insert.Parameters.Add(Long(recorded.Position));
                insert.Parameters.Add(Text(recorded.Alias));
                insert.Parameters.Add(Text(recorded.StreamId));
                insert.Parameters.Add(Long(recorded.Version));
                insert.Parameters.Add(Time(recorded.RecordedAt));
                insert.Parameters.Add(Jsonb(JsonSerializer.Serialize(entry.Transfers.Select(PostingView.From).ToList(), LedgerJson.Api)));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var transfer in entry.Transfers)
            {
                var amount = transfer.Amount.MinorUnits;
                var (postedDelta, pendingDelta) = transfer.Kind switch
                {
                    TransferKind.Posted => (amount, 0L),
                    TransferKind.Pending => (0L, amount),
                    TransferKind.PostPending => (amount, -amount),
                    TransferKind.VoidPending => (0L, -amount),
                    _ => throw new InvalidOperationException($"Unknown transfer kind {transfer.Kind}."),
                };
                await AddAsync(context, entry.FundId.Value, transfer.Debit, debitsPosted: postedDelta, creditsPosted: 0, debitsPending: pendingDelta, creditsPending: 0, cancellationToken).ConfigureAwait(false);
                await AddAsync(context, entry.FundId.Value, transfer.Credit, debitsPosted: 0, creditsPosted: postedDelta, debitsPending: 0, creditsPending: pendingDelta, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AddAsync(ProjectionContext context, string fundId, AccountCode account,
        long debitsPosted, long creditsPosted, long debitsPending, long creditsPending, CancellationToken cancellationToken)
    {
        await using var upsert = context.CreateCommand($"""
            insert into {s}.account_balances (fund_id, account, debits_posted, credits_posted, debits_pending, credits_pending)
            values ($1, $2, $3, $4, $5, $6)
            on conflict (fund_id, account) do update set
                debits_posted = account_balances.debits_posted + excluded.debits_posted,
                credits_posted = account_balances.credits_posted + excluded.credits_posted,
                debits_pending = account_balances.debits_pending + excluded.debits_pending,
                credits_pending = account_balances.credits_pending + excluded.credits_pending
            """);
        upsert.Parameters.Add(Text(fundId));
        upsert.Parameters.Add(Int((int)account));
        upsert.Parameters.Add(Long(debitsPosted));
        upsert.Parameters.Add(Long(creditsPosted));
        upsert.Parameters.Add(Long(debitsPending));
        upsert.Parameters.Add(Long(creditsPending));
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

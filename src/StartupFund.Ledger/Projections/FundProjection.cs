using System.Text.Json;
using StartupFund.Domain.Funds;
using StartupFund.EventStore;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger.Json;
using static StartupFund.Ledger.Projections.ProjectionSql;

namespace StartupFund.Ledger.Projections;

/// <summary>The funds table: each fund's folded state (a document) with its version, per country.</summary>
internal sealed class FundProjection(SchemaName readSchema) : IInlineProjection
{
    private readonly string s = readSchema.Quoted;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var stream in ByStream(events))
        {
            var fundEvents = stream.Where(e => e.Data is IFundEvent).ToList();
            if (fundEvents.Count == 0)
            {
                continue;
            }

            var fundId = ((IFundEvent)fundEvents[0].Data).FundId.Value;
            var state = FundState.Initial;
            await using (var load = context.CreateCommand($"select state from {s}.funds where fund_id = $1 for update"))
            {
                load.Parameters.Add(Text(fundId));
                if (await load.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json)
                {
                    state = JsonSerializer.Deserialize<FundState>(json, LedgerJson.Storage) ?? FundState.Initial;
                }
            }

            foreach (var recorded in fundEvents)
            {
                state = FundDecider.Evolve(state, recorded.Data);
            }

            var last = fundEvents[^1];
            await using var upsert = context.CreateCommand($"""
                insert into {s}.funds (fund_id, country, currency, name, status, version, state, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8)
                on conflict (fund_id) do update set name = excluded.name, status = excluded.status,
                    version = excluded.version, state = excluded.state, updated_at = excluded.updated_at
                """);
            upsert.Parameters.Add(Text(fundId));
            upsert.Parameters.Add(Text(state.Country.Value));
            upsert.Parameters.Add(Text(state.Currency.Code));
            upsert.Parameters.Add(Text(state.Name));
            upsert.Parameters.Add(Text(state.Status.ToString()));
            upsert.Parameters.Add(Long(last.Version));
            upsert.Parameters.Add(Jsonb(JsonSerializer.Serialize(state, LedgerJson.Storage)));
            upsert.Parameters.Add(Time(last.RecordedAt));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

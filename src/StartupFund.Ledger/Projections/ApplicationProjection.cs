using System.Text.Json;
using NodaTime;
using StartupFund.Domain.Applications;
using StartupFund.EventStore;
using StartupFund.EventStore.Projections;
using StartupFund.EventStore.Schema;
using StartupFund.Ledger.Json;
using static StartupFund.Ledger.Projections.ProjectionSql;

namespace StartupFund.Ledger.Projections;

/// <summary>
/// The applications table: each application's folded state with the columns the portfolio and
/// pipeline queries group by (country, status, sector, stage) and its submission/decision instants.
/// </summary>
internal sealed class ApplicationProjection(SchemaName readSchema) : IInlineProjection
{
    private readonly string s = readSchema.Quoted;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var stream in ByStream(events))
        {
            var applicationEvents = stream.Where(e => e.Data is IApplicationEvent).ToList();
            if (applicationEvents.Count == 0)
            {
                continue;
            }

            var applicationId = ((IApplicationEvent)applicationEvents[0].Data).ApplicationId.Value;
            var state = ApplicationState.Initial;
            Instant? submittedAt = null;
            Instant? decidedAt = null;
            await using (var load = context.CreateCommand($"select state, submitted_at, decided_at from {s}.applications where application_id = $1 for update"))
            {
                load.Parameters.Add(Text(applicationId));
                await using var reader = await load.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    state = JsonSerializer.Deserialize<ApplicationState>(reader.GetString(0), LedgerJson.Storage) ?? ApplicationState.Initial;
                    submittedAt = Instant.FromDateTimeUtc(reader.GetDateTime(1));
                    decidedAt = reader.IsDBNull(2) ? null : Instant.FromDateTimeUtc(reader.GetDateTime(2));
                }
            }

            foreach (var recorded in applicationEvents)
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
                continue;
            }

            var last = applicationEvents[^1];
            await using var upsert = context.CreateCommand($"""
                insert into {s}.applications (application_id, fund_id, country, currency, status, sector, stage, instrument,
                    submitted_at, decided_at, version, state, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                on conflict (application_id) do update set status = excluded.status, sector = excluded.sector,
                    stage = excluded.stage, instrument = excluded.instrument, decided_at = excluded.decided_at,
                    version = excluded.version, state = excluded.state, updated_at = excluded.updated_at
                """);
            upsert.Parameters.Add(Text(applicationId));
            upsert.Parameters.Add(Text(state.FundId.Value));
            upsert.Parameters.Add(Text(state.Startup.Country.Value));
            upsert.Parameters.Add(Text(state.Currency.Code));
            upsert.Parameters.Add(Text(state.Status.ToString()));
            upsert.Parameters.Add(Text(state.Sector));
            upsert.Parameters.Add(Text(state.Stage.ToString()));
            upsert.Parameters.Add(Text(state.Instrument.ToString()));
            upsert.Parameters.Add(Time(submittedAt));
            upsert.Parameters.Add(Time(decidedAt));
            upsert.Parameters.Add(Long(last.Version));
            upsert.Parameters.Add(Jsonb(JsonSerializer.Serialize(state, LedgerJson.Storage)));
            upsert.Parameters.Add(Time(last.RecordedAt));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

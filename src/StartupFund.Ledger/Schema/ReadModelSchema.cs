using Npgsql;
using StartupFund.Domain.Common;
using StartupFund.Domain.Events;
using StartupFund.Domain.Funds;
using StartupFund.EventStore.Schema;

namespace StartupFund.Ledger.Schema;

/// <summary>
/// The ledger's own tables (read models and idempotency records), in their own schema. Idempotent
/// DDL under a transaction-level advisory lock, so several processes may start at once.
/// </summary>
public static class ReadModelSchema
{
    /// <summary>
    /// The unique index that keeps each bank reference to one payment of its fund. The journal is written in the
    /// payment's own transaction, so a reference used before fails the payment (<see cref="Pipeline.DatabaseRules"/>).
    /// </summary>
    public const string PaymentReferenceIndex = "journal_payment_reference";

    /// <summary>
    /// The check that keeps every account of a fund within <see cref="Domain.Common.Limits.AccountTotalMaxMinor"/> on each
    /// side, so that no total of the fund's (nor its trial balance) overflows (<see cref="Pipeline.DatabaseRules"/>).
    /// </summary>
    public const string AccountBalanceLimit = "account_balance_limit";

    private static readonly string Disbursed = EventAliases.AliasOf(typeof(FundsDisbursed));

    /// <param name="storeSchema">The event store's schema, to fill in what rows written by an earlier release lack.</param>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, SchemaName schema, SchemaName storeSchema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(storeSchema);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = "startupfund.ledger.schema:" + schema.Value });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var ddl = new NpgsqlCommand(Ddl(schema, storeSchema.Quoted), connection, transaction))
        {
            await ddl.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Ddl(SchemaName schema, string store) => Ddl(schema.Quoted, schema.Value, store);

    private static string Ddl(string s, string schemaName, string store) => $"""
        create schema if not exists {s};

        create table if not exists {s}.funds (
            fund_id text primary key,
            country text not null,
            currency text not null,
            name text not null,
            status text not null,
            version bigint not null,
            state jsonb not null,
            updated_at timestamptz not null);
        create index if not exists funds_country on {s}.funds (country, fund_id);

        create table if not exists {s}.applications (
            application_id text primary key,
            fund_id text not null,
            country text not null,
            currency text not null,
            status text not null,
            sector text not null,
            stage text not null,
            instrument text not null,
            submitted_at timestamptz not null,
            decided_at timestamptz,
            version bigint not null,
            state jsonb not null,
            updated_at timestamptz not null);
        create index if not exists applications_country on {s}.applications (country, application_id);
        create index if not exists applications_fund on {s}.applications (fund_id, application_id);

        create table if not exists {s}.account_balances (
            fund_id text not null,
            account integer not null,
            debits_posted bigint not null,
            credits_posted bigint not null,
            debits_pending bigint not null,
            credits_pending bigint not null,
            primary key (fund_id, account));
        -- Added 2026-11-23: many amounts within the single-amount limit could add up past 64 bits. Rows written before
        -- are not checked (not valid), but every later update of them is.
        do $migrate$
        begin
            if not exists (select 1 from pg_constraint where conname = '{AccountBalanceLimit}' and conrelid = '{s}.account_balances'::regclass) then
                alter table {s}.account_balances add constraint {AccountBalanceLimit} check (
                    debits_posted <= {Limits.AccountTotalMaxMinor} and credits_posted <= {Limits.AccountTotalMaxMinor}
                    and debits_pending <= {Limits.AccountTotalMaxMinor} and credits_pending <= {Limits.AccountTotalMaxMinor}) not valid;
            end if;
        end
        $migrate$;

        create table if not exists {s}.journal_entries (
            fund_id text not null,
            position bigint not null,
            event_type text not null,
            stream_id text not null,
            stream_version bigint not null,
            recorded_at timestamptz not null,
            transfers jsonb not null,
            primary key (fund_id, position));
        -- Added 2026-11-23: the value date and bank reference of money that moved (null for other entries and in rows
        -- written before; rebuild-read-models fills them in).
        alter table {s}.journal_entries add column if not exists value_date date;
        alter table {s}.journal_entries add column if not exists reference text;
        -- Added 2026-11-23: a payment's bank reference names one transfer on the fund's bank statement. The index
        -- ignores rows without a reference, so rows written before the column are given theirs from the events first;
        -- payments recorded before the rule could repeat one, and then the index cannot stand: say which.
        do $migrate$
        declare repeated text;
        begin
            if not exists (select 1 from pg_indexes where schemaname = '{schemaName}' and indexname = '{PaymentReferenceIndex}') then
                update {s}.journal_entries j set reference = e.data->>'paymentReference'
                from {store}.events e
                where j.event_type = '{Disbursed}' and j.reference is null and e.position = j.position;
                select string_agg(format('%s %s (%s times)', fund_id, reference, n), ', ') into repeated
                from (select fund_id, reference, count(*) as n from {s}.journal_entries
                      where event_type = '{Disbursed}' and reference is not null
                      group by fund_id, reference having count(*) > 1 order by fund_id, reference limit 20) d;
                if repeated is not null then
                    raise exception using errcode = 'SF422', message = 'Payments recorded before payment references had to be unique '
                        || '(2026-11-23) repeat a reference within a fund: ' || repeated || '. The log cannot be edited, so this '
                        || 'database cannot take the rule: start a new one (no release was deployed before the rule).';
                end if;
                create unique index {PaymentReferenceIndex} on {s}.journal_entries (fund_id, reference) where event_type = '{Disbursed}';
            end if;
        end
        $migrate$;

        create table if not exists {s}.idempotency (
            key text primary key,
            fingerprint bytea not null,
            status integer not null,
            body text not null,
            location text,
            version bigint not null,
            created_at timestamptz not null);
        """;
}

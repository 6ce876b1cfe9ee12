-- Where each asynchronous projection has read the log up to, in the log's (tx_id, position) order.
-- Written in the same transaction as the projection's own rows.
create table {schema}.projection_checkpoints (
    name        text        primary key,
    tx_id       xid8        not null,
    position    bigint      not null,
    updated_at  timestamptz not null default now()
);

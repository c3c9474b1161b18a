-- Idempotency keys for writes a phone may replay (offline queue): the first answer to
-- (actor, key) is kept for 24 hours and returned to every replay.
create table idempotency_keys (
  actor_key text not null,
  key text not null,
  request_hash text not null,
  status integer,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (actor_key, key)
);
create index idempotency_keys_created_at on idempotency_keys (created_at);

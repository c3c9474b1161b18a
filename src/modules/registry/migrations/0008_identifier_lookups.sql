-- Look-ups of residents by a whole ID or phone number (the registry search, the grid
-- worker's look-up, the hotline's caller history). One row per look-up an account made,
-- kept to rate-limit accounts: a masked identifier must not be recoverable by trying every
-- candidate. The audit log keeps the lasting record (who, which field, a masked form and a
-- keyed-hash prefix of the value, the result count); this table holds no value at all.
create table identifier_lookups (
  id bigint generated always as identity primary key,
  account text not null,
  field text not null,
  context text not null,
  refused boolean not null default false,
  at timestamptz not null default now()
);
-- The rate limit counts an account's look-ups of the last minutes.
create index identifier_lookups_account_at on identifier_lookups (account, at);

-- The limit, set by the security admin: at most lookup_limit look-ups per account in any
-- lookup_window_minutes. One row.
create table identifier_lookup_settings (
  id integer primary key default 1 check (id = 1),
  lookup_limit integer not null default 30 check (lookup_limit between 1 and 10000),
  window_minutes integer not null default 10 check (window_minutes between 1 and 1440),
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
insert into identifier_lookup_settings (id) values (1);

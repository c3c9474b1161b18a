-- Accounts, sessions, API keys and the audit log.

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  must_change_password boolean not null default true,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  password_changed_at timestamptz
);

-- A role granted on an org node covers its subtree; org_path '' is the whole tree.
create table role_grants (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  role text not null,
  org_path text not null,
  granted_by uuid references users(id) on delete set null,
  granted_at timestamptz not null default now(),
  unique (user_id, role, org_path)
);
create index role_grants_user on role_grants (user_id);

-- Only the SHA-256 of a session token is stored, so a leaked table opens no session.
create table sessions (
  id text primary key,
  user_id uuid not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  prefix text not null unique,
  key_hash text not null,
  role text not null,
  org_path text not null,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Append-only and hash-chained: hash = sha256(prev_hash || canonical entry).
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_id uuid,
  actor_name text,
  ip text,
  request_id text,
  action text not null,
  target_type text,
  target_id text,
  org_path text,
  result text not null check (result in ('success', 'failure', 'denied')),
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
create index audit_log_at on audit_log (at);
create index audit_log_action on audit_log (action);
create index audit_log_actor on audit_log (actor_name);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end
$$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();

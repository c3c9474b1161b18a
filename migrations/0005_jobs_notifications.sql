-- Background jobs (claimed with FOR UPDATE SKIP LOCKED, so several server processes can
-- share them) and in-app notifications with their outbound deliveries (SMS, WeChat).

create table jobs (
  id bigint generated always as identity primary key,
  kind text not null,
  payload jsonb not null default '{}',
  run_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  -- Recurring jobs are scheduled by every process with the same key; only one row is made.
  dedupe_key text unique,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_due on jobs (run_at) where status = 'pending';
create index jobs_lease on jobs (locked_until) where status = 'running';
create index jobs_finished on jobs (finished_at) where status in ('done', 'failed');

create table notifications (
  id bigint generated always as identity primary key,
  user_id uuid not null references users (id) on delete cascade,
  kind text not null,
  title text not null,
  body text not null,
  subject_type text,
  subject_id text,
  link text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_user on notifications (user_id, id desc);
create index notifications_unread on notifications (user_id) where read_at is null;

-- What was sent through an outbound channel; the recipient is stored masked.
create table notification_deliveries (
  id bigint generated always as identity primary key,
  channel text not null,
  recipient text not null,
  template text not null,
  params jsonb not null default '{}',
  status text not null check (status in ('sent', 'failed')),
  error text,
  created_at timestamptz not null default now()
);

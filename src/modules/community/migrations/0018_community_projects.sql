-- Projects (政府购买服务 / 公益创投) and community foundations. Money is in fen (bigint), never
-- floating point. The projects' timeline and each fund's ledger are append-only.

create table community_project_calls (
  id uuid primary key default gen_random_uuid(),
  org_code text not null,
  org_path text not null,
  org_name text not null,
  kind text not null,
  title text not null,
  need text not null,
  need_source text not null,
  budget_fen bigint not null check (budget_fen > 0),
  criteria jsonb not null,
  closes_on date not null,
  status text not null default 'open',
  created_by text,
  created_at timestamptz not null default now()
);
create index community_project_calls_path on community_project_calls (org_path, created_at desc);

create table community_project_panel (
  call_id uuid not null references community_project_calls (id),
  user_id uuid not null,
  name text not null,
  primary key (call_id, user_id)
);
-- An expert's calls (the panels they sit on).
create index community_project_panel_user on community_project_panel (user_id);

create table community_project_applications (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references community_project_calls (id),
  org_path text not null,
  organisation_id uuid not null,
  organisation_name text not null,
  title text not null,
  plan text not null,
  budget_lines jsonb not null,
  requested_fen bigint not null check (requested_fen > 0),
  indicators jsonb not null,
  status text not null default 'submitted',
  awarded_fen bigint check (awarded_fen > 0),
  contract_number text,
  submitted_by text,
  submitted_at timestamptz not null default now(),
  unique (call_id, organisation_id)
);
create index community_project_applications_call on community_project_applications (call_id);
create index community_project_applications_org on community_project_applications (organisation_id);

create table community_project_reviews (
  application_id uuid not null references community_project_applications (id),
  reviewer_id uuid not null,
  reviewer_name text not null,
  conflict boolean not null,
  conflict_note text,
  scores jsonb not null,
  reviewed_at timestamptz not null default now(),
  primary key (application_id, reviewer_id)
);

create table community_project_milestones (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references community_project_applications (id),
  seq int not null,
  title text not null,
  due_on date not null,
  status text not null default 'planned',
  report text,
  decision_note text,
  decided_by text,
  decided_at timestamptz,
  unique (application_id, seq)
);

create table community_project_tranches (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references community_project_applications (id),
  seq int not null,
  milestone_id uuid not null references community_project_milestones (id),
  amount_fen bigint not null check (amount_fen > 0),
  paid_at timestamptz,
  paid_by text,
  voucher_number text,
  unique (application_id, seq),
  unique (milestone_id)
);

create table community_project_service_records (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references community_project_applications (id),
  indicator_key text not null,
  quantity int not null check (quantity > 0),
  served_on date not null,
  note text not null,
  recorded_by text not null,
  recorded_at timestamptz not null default now()
);
create index community_project_service_records_app on community_project_service_records (application_id);

create table community_project_site_visits (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references community_project_applications (id),
  visited_on date not null,
  findings text not null,
  rating int not null check (rating between 1 and 5),
  visitor text not null,
  created_at timestamptz not null default now()
);
create index community_project_site_visits_app on community_project_site_visits (application_id);

create table community_project_evaluations (
  application_id uuid primary key references community_project_applications (id),
  evaluator text not null,
  third_party_score int not null check (third_party_score between 0 and 100),
  surveyed int not null check (surveyed > 0),
  satisfied int not null check (satisfied between 0 and surveyed),
  conclusion text not null,
  evaluated_by text not null,
  evaluated_at timestamptz not null default now()
);

create table community_project_events (
  id bigserial primary key,
  call_id uuid not null references community_project_calls (id),
  application_id uuid references community_project_applications (id),
  at timestamptz not null default now(),
  actor text not null,
  kind text not null,
  summary text not null
);
create index community_project_events_app on community_project_events (application_id, id);
create index community_project_events_call on community_project_events (call_id, id);

create function community_projects_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end
$$;
create trigger community_project_events_no_change before update or delete on community_project_events
  for each row execute function community_projects_append_only();

create table community_funds (
  id uuid primary key default gen_random_uuid(),
  org_code text not null,
  org_path text not null,
  org_name text not null,
  kind text not null,
  name text not null,
  custodian_bank text not null,
  board jsonb not null,
  created_by text,
  created_at timestamptz not null default now()
);
create index community_funds_path on community_funds (org_path);

create table community_fund_donations (
  id uuid primary key default gen_random_uuid(),
  fund_id uuid not null references community_funds (id),
  donor_name text not null,
  donor_kind text not null,
  anonymous boolean not null,
  amount_fen bigint not null check (amount_fen > 0),
  purpose text not null,
  receipt_number text not null,
  received_on date not null,
  recorded_by text,
  unique (fund_id, receipt_number)
);
create index community_fund_donations_fund on community_fund_donations (fund_id, received_on);

create table community_fund_grants (
  id uuid primary key default gen_random_uuid(),
  fund_id uuid not null references community_funds (id),
  title text not null,
  recipient text not null,
  application_id uuid,
  amount_fen bigint not null check (amount_fen > 0),
  decided_on date not null,
  votes jsonb not null,
  status text not null,
  voucher_number text,
  paid_on date,
  recorded_by text
);
create index community_fund_grants_fund on community_fund_grants (fund_id, decided_on);

create table community_fund_expenses (
  id uuid primary key default gen_random_uuid(),
  fund_id uuid not null references community_funds (id),
  description text not null,
  amount_fen bigint not null check (amount_fen > 0),
  voucher_number text not null,
  spent_on date not null,
  recorded_by text,
  unique (fund_id, voucher_number)
);
create index community_fund_expenses_fund on community_fund_expenses (fund_id, spent_on);

-- The double-entry ledger: each line is a debit or a credit, never both; the lines of one
-- transaction sum to zero (checked at commit); lines are never changed or removed.
create table community_fund_entries (
  id bigserial primary key,
  fund_id uuid not null references community_funds (id),
  txn_id uuid not null,
  on_date date not null,
  account text not null,
  debit_fen bigint not null check (debit_fen >= 0),
  credit_fen bigint not null check (credit_fen >= 0),
  memo text not null,
  check ((debit_fen = 0) <> (credit_fen = 0))
);
create index community_fund_entries_fund on community_fund_entries (fund_id, on_date, id);
create index community_fund_entries_txn on community_fund_entries (txn_id);
create trigger community_fund_entries_no_change before update or delete on community_fund_entries
  for each row execute function community_projects_append_only();

create function community_fund_txn_balanced() returns trigger language plpgsql as $$
declare
  difference bigint;
begin
  select coalesce(sum(debit_fen - credit_fen), 0) into difference from community_fund_entries where txn_id = new.txn_id;
  if difference <> 0 then
    raise exception 'fund transaction % does not balance (%)', new.txn_id, difference;
  end if;
  return null;
end
$$;
create constraint trigger community_fund_entries_balanced after insert on community_fund_entries
  deferrable initially deferred for each row execute function community_fund_txn_balanced();

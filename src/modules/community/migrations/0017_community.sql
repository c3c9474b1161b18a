-- Community forces (三社联动): social organisations and their staff, social workers with their
-- caseload and services, volunteers, activities, service records with amendments, the points
-- ledger and mall, and the module's settings.
create table community_organisations (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('social_group', 'social_service_agency', 'foundation', 'community_filed')),
  name text not null,
  credit_code text unique check (credit_code is null or length(credit_code) = 18),
  registration_authority text,
  filed_on date,
  org_path text not null,
  fields jsonb not null,
  contact_name text,
  contact_phone text,
  address text,
  staff_count integer not null default 0 check (staff_count >= 0),
  served_communities jsonb not null,
  incubation text not null check (incubation in ('none', 'incubating', 'graduated')),
  inspections jsonb not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  -- A registered organisation has its code; a filed community organisation may have none.
  check (kind = 'community_filed' or credit_code is not null)
);
create index community_organisations_path on community_organisations (org_path);

create table community_organisation_staff (
  organisation_id uuid not null references community_organisations (id),
  user_id uuid not null,
  added_at timestamptz not null default now(),
  primary key (organisation_id, user_id)
);
create index community_organisation_staff_user on community_organisation_staff (user_id);

create table community_workers (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  name text not null,
  level text not null check (level in ('assistant_social_worker', 'social_worker', 'senior_social_worker', 'uncertified')),
  certificate_number text,
  certified_on date,
  employer_id uuid references community_organisations (id),
  employer_name text,
  version integer not null default 1,
  created_at timestamptz not null default now()
);
create index community_workers_path on community_workers (org_path);

create table community_caseload (
  id uuid primary key default gen_random_uuid(),
  worker_id uuid not null references community_workers (id),
  resident_id uuid not null,
  resident_org_path text not null,
  reason text not null,
  opened_on date not null,
  closed_on date,
  outcome text
);
create index community_caseload_worker on community_caseload (worker_id);

create table community_worker_services (
  id uuid primary key default gen_random_uuid(),
  worker_id uuid not null references community_workers (id),
  case_id uuid references community_caseload (id),
  served_on date not null,
  minutes integer not null check (minutes > 0),
  summary text not null,
  recorded_by text not null,
  created_at timestamptz not null default now()
);
create index community_worker_services_worker on community_worker_services (worker_id, served_on);

create table community_volunteers (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  name text not null,
  mobile_enc text not null,
  mobile_hash text not null,
  resident_id uuid,
  user_id uuid unique,
  skills jsonb not null,
  availability text not null,
  registered_at timestamptz not null default now()
);
create index community_volunteers_path on community_volunteers (org_path);
create index community_volunteers_resident on community_volunteers (resident_id);

create table community_activities (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  organisation_id uuid references community_organisations (id),
  title text not null,
  description text not null,
  place text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  places integer not null check (places > 0),
  status text not null check (status in ('open', 'closed')),
  check_code text,
  check_code_expires_at timestamptz,
  created_by uuid,
  created_by_name text not null,
  created_at timestamptz not null default now(),
  check (ends_at > starts_at)
);
create index community_activities_path on community_activities (org_path, starts_at);

create table community_signups (
  activity_id uuid not null references community_activities (id),
  volunteer_id uuid not null references community_volunteers (id),
  signed_up_at timestamptz not null default now(),
  checked_in_at timestamptz,
  checked_out_at timestamptz,
  primary key (activity_id, volunteer_id)
);
create index community_signups_volunteer on community_signups (volunteer_id);

create table community_service_records (
  id uuid primary key default gen_random_uuid(),
  volunteer_id uuid not null references community_volunteers (id),
  activity_id uuid references community_activities (id),
  org_path text not null,
  what text not null,
  place text not null,
  started_at timestamptz not null,
  ended_at timestamptz not null,
  minutes integer not null check (minutes >= 0),
  confirmed_by text not null,
  confirmed_by_id uuid,
  created_at timestamptz not null default now()
);
create index community_service_records_volunteer on community_service_records (volunteer_id, started_at);
create index community_service_records_path on community_service_records (org_path, started_at);
-- One record per volunteer and activity.
create unique index community_service_records_activity on community_service_records (activity_id, volunteer_id) where activity_id is not null;

create table community_record_amendments (
  id uuid primary key default gen_random_uuid(),
  record_id uuid not null references community_service_records (id),
  minutes integer not null check (minutes >= 0),
  reason text not null,
  amended_by text not null,
  amended_at timestamptz not null default now()
);
create index community_record_amendments_record on community_record_amendments (record_id, amended_at);

create table community_settings (
  id integer primary key check (id = 1),
  star_thresholds jsonb not null,
  points_per_hour integer not null check (points_per_hour >= 0),
  family_transfers boolean not null,
  version integer not null default 1
);
insert into community_settings (id, star_thresholds, points_per_hour, family_transfers) values (1, '[100, 300, 600, 1000, 1500]', 10, true);

create table community_points_entries (
  id uuid primary key default gen_random_uuid(),
  volunteer_id uuid not null references community_volunteers (id),
  seq integer not null,
  kind text not null check (kind in ('earn', 'correction', 'redeem', 'transfer_out', 'transfer_in', 'reversal')),
  points integer not null check (points <> 0),
  -- Never negative: the database refuses an entry that would overdraw, whatever the code does.
  balance_after integer not null check (balance_after >= 0),
  memo text not null,
  reverses_id uuid unique references community_points_entries (id),
  service_record_id uuid unique references community_service_records (id),
  item_id uuid,
  created_by text not null,
  created_at timestamptz not null default now(),
  -- Two writers computing the same next entry collide here instead of both landing.
  unique (volunteer_id, seq)
);

create table community_mall_items (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  name text not null,
  description text not null,
  price integer not null check (price > 0),
  stock integer check (stock is null or stock >= 0),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index community_mall_items_path on community_mall_items (org_path);

-- Service records, their amendments and the points ledger are append-only.
create function community_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: record a correction instead', tg_table_name;
end;
$$;
create trigger community_service_records_no_change before update or delete on community_service_records
  for each row execute function community_append_only();
create trigger community_record_amendments_no_change before update or delete on community_record_amendments
  for each row execute function community_append_only();
create trigger community_points_entries_no_change before update or delete on community_points_entries
  for each row execute function community_append_only();

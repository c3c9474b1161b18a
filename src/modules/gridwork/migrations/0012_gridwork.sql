-- The grid worker's day: patrols and their tracks, duty rules and occasions, the work log,
-- attendance and leave, and the module's settings.
create table gridwork_patrols (
  id uuid primary key default gen_random_uuid(),
  worker_id uuid not null,
  worker_name text not null,
  grid_code text not null,
  org_path text not null,
  status text not null check (status in ('active', 'ended')),
  started_at timestamptz not null,
  ended_at timestamptz,
  distance_meters double precision not null default 0,
  coverage double precision not null default 0,
  point_count integer not null default 0,
  last_lng double precision,
  last_lat double precision,
  last_at timestamptz,
  track_deleted_at timestamptz,
  created_at timestamptz not null default now()
);
-- One active patrol per worker.
create unique index gridwork_patrols_one_active on gridwork_patrols (worker_id) where status = 'active';
-- The supervisor's list: patrols of a day under an org path.
create index gridwork_patrols_started on gridwork_patrols (started_at, org_path);
create index gridwork_patrols_worker on gridwork_patrols (worker_id, started_at);

create table gridwork_track_points (
  id bigint generated always as identity primary key,
  patrol_id uuid not null references gridwork_patrols (id) on delete cascade,
  lng double precision not null,
  lat double precision not null,
  accuracy double precision,
  recorded_at timestamptz not null
);
create index gridwork_track_points_patrol on gridwork_track_points (patrol_id, recorded_at);

create table gridwork_duty_rules (
  id uuid primary key default gen_random_uuid(),
  district_code text not null,
  org_path text not null,
  kind text not null check (kind in ('visit', 'attend', 'report')),
  name text not null,
  key_group_kinds jsonb not null default '[]',
  every_days integer,
  categories jsonb not null default '[]',
  hours_allowed integer,
  active boolean not null default true,
  sort integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (district_code, kind, name)
);

create table gridwork_occasions (
  id uuid primary key default gen_random_uuid(),
  rule_id uuid not null references gridwork_duty_rules (id),
  kind text not null check (kind in ('visit', 'attend', 'report')),
  title text not null,
  grid_code text not null,
  org_path text not null,
  due_at timestamptz not null,
  created_by_id uuid,
  created_by_name text not null,
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_by_id uuid,
  closed_by_name text,
  closed_ref text
);
create index gridwork_occasions_grid on gridwork_occasions (grid_code, due_at);

create table gridwork_work_logs (
  id uuid primary key default gen_random_uuid(),
  worker_id uuid not null,
  worker_name text not null,
  grid_code text not null,
  org_path text not null,
  day date not null,
  seen text not null,
  heard text not null,
  done text not null,
  case_ids jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (worker_id, day)
);
create index gridwork_work_logs_day on gridwork_work_logs (day, org_path);

create table gridwork_log_photos (
  id uuid primary key default gen_random_uuid(),
  log_id uuid not null references gridwork_work_logs (id) on delete cascade,
  storage_key text not null,
  file_name text not null,
  mime text not null,
  size integer not null,
  created_at timestamptz not null default now()
);
create index gridwork_log_photos_log on gridwork_log_photos (log_id);

create table gridwork_attendance (
  id uuid primary key default gen_random_uuid(),
  worker_id uuid not null,
  worker_name text not null,
  grid_code text not null,
  org_path text not null,
  day date not null,
  check_in_at timestamptz,
  check_in_distance double precision,
  check_out_at timestamptz,
  check_out_distance double precision,
  unique (worker_id, day)
);
create index gridwork_attendance_day on gridwork_attendance (day, org_path);

create table gridwork_leaves (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('leave', 'swap')),
  worker_id uuid not null,
  worker_name text not null,
  grid_code text not null,
  org_path text not null,
  from_day date not null,
  to_day date not null,
  reason text not null,
  swap_with_id uuid,
  swap_with_name text,
  status text not null check (status in ('pending', 'approved', 'rejected')),
  decided_by_name text,
  decided_at timestamptz,
  decision_note text,
  version integer not null default 1,
  created_at timestamptz not null default now()
);
create index gridwork_leaves_worker on gridwork_leaves (worker_id, from_day);

create table gridwork_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

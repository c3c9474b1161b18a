-- Cases (事件/工单): categories, time limits, the working-day calendar's edits, routing,
-- the case record, its immutable timeline and its attachments. SEEDS rows 2–5.
-- Residents and houses of the registry are linked by id only (no foreign keys), so the
-- cases module works with or without the registry module.

-- Two-level tree: class (大类) and subclass (小类). Leaves are what a case is filed under
-- and what Open311 calls services; `attributes` holds their Open311 attribute definitions.
create table case_categories (
  code text primary key check (code ~ '^[A-Za-z0-9_-]{1,32}$'),
  parent_code text references case_categories (code),
  name text not null,
  name_pinyin text not null,
  name_initials text not null,
  description text not null default '',
  keywords text not null default '',
  -- 三事分流: government 政府大事 / community 社区小事 / private 居民私事
  default_matter_class text not null check (default_matter_class in ('government', 'community', 'private')),
  attributes jsonb not null default '[]',
  sort integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index case_categories_parent on case_categories (parent_code);

-- Per category (class or subclass; null = the default) and stage. The most specific row wins.
create table case_time_limits (
  id uuid primary key default gen_random_uuid(),
  category_code text references case_categories (code) on delete cascade,
  stage text not null check (stage in ('accept', 'handle', 'verify')),
  unit text not null check (unit in ('working_days', 'working_hours')),
  amount double precision not null check (amount > 0),
  yellow_at double precision not null,
  red_at double precision not null,
  updated_at timestamptz not null default now(),
  unique nulls not distinct (category_code, stage)
);

-- Edits of the shipped holiday table (calendar-cn.ts), one row per year; a row replaces
-- the shipped year. The notice for next year comes out each November.
create table case_calendar_years (
  year integer primary key check (year between 2000 and 2100),
  holidays jsonb not null,
  workdays jsonb not null,
  provisional boolean not null default false,
  source text not null,
  updated_at timestamptz not null default now(),
  updated_by text
);

-- Deployment settings of the cases module (workflow limits, duplicate radius, working hours…).
create table case_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Daily sequence of case numbers per prefix (the district's short code): HD20261121-000123.
create table case_number_counters (
  prefix text not null,
  day date not null,
  seq integer not null,
  primary key (prefix, day)
);

-- Responsibility matrix: on a node (org node or grid, its subtree) and a category (class,
-- subclass, or null for any), which unit handles the case. The deepest, most specific rule wins.
create table case_routing_rules (
  id uuid primary key default gen_random_uuid(),
  node_code text not null,
  node_path text not null,
  category_code text references case_categories (code) on delete cascade,
  unit_code text not null,
  co_unit_codes text[] not null default '{}',
  note text not null default '',
  created_by text,
  created_at timestamptz not null default now(),
  unique nulls not distinct (node_code, category_code)
);
create index case_routing_rules_path on case_routing_rules (node_path text_pattern_ops);

create table cases (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  title text not null,
  description text not null,
  category_code text not null references case_categories (code),
  class_code text not null,
  matter_class text not null check (matter_class in ('government', 'community', 'private')),
  urgency text not null check (urgency in ('normal', 'urgent', 'critical')),
  source text not null check (source in ('grid_patrol', 'resident', 'hotline', 'open311', 'department', 'staff')),
  state text not null check (state in
    ('reported', 'accepted', 'rejected', 'registered', 'dispatched', 'handling', 'handled', 'closed', 'rated', 'suspended', 'merged')),
  tier text not null check (tier in ('grid', 'street', 'district')),
  version integer not null default 1,
  -- Where the case belongs (the grid's path, or the community's/street's): data scope is a prefix of it.
  org_path text not null,
  grid_code text,
  community_code text,
  street_code text,
  district_code text,
  lng double precision,
  lat double precision,
  address text not null default '',
  -- The reporter: an account, and/or a free contact (encrypted, with a keyed hash for look-up).
  reporter_user_id uuid references users (id) on delete set null,
  reporter_name text,
  reporter_phone text,
  reporter_phone_hash text,
  -- The reporter's contact is hidden from handling units unless the dispatcher shares it.
  reporter_shared boolean not null default false,
  resident_ids text[] not null default '{}',
  house_ids text[] not null default '{}',
  people_involved integer,
  amount_involved numeric(14, 2),
  attributes jsonb not null default '{}',
  media_url text,
  -- Shown on Open311 and other public lists (never for 居民私事).
  is_public boolean not null default true,
  dispatcher_unit text,
  handling_unit text,
  co_units text[] not null default '{}',
  -- Every unit that has led or co-handled the case: a department sees what was dispatched to it.
  handled_by text[] not null default '{}',
  suspended_from text,
  reopen_count integer not null default 0,
  rework_count integer not null default 0,
  extension_count integer not null default 0,
  pending_extension jsonb,
  rating text check (rating in ('satisfied', 'basically_satisfied', 'unsatisfied')),
  resolved boolean,
  supervision_level text check (supervision_level in ('ordinary', 'yellow', 'red')),
  parent_case_id uuid references cases (id),
  -- The time limit of the current stage (null when the stage has none or the clock is stopped).
  stage text check (stage in ('accept', 'handle', 'verify')),
  stage_started_at timestamptz,
  warn_at timestamptz,
  red_at timestamptz,
  deadline_at timestamptz,
  sla_level text not null default 'normal' check (sla_level in ('normal', 'yellow', 'red')),
  overdue_at timestamptz,
  -- Automatic supervision turns red at this instant (some working days after the deadline).
  supervise_red_at timestamptz,
  overdue_count integer not null default 0,
  accept_on_time boolean,
  open311_token text unique,
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  accepted_at timestamptz,
  closed_at timestamptz,
  rated_at timestamptz,
  -- Chinese text as character bigrams (pg_trgm is useless for Chinese), number and address too.
  search_vector tsvector
);
-- Data scope and the case list by place.
create index cases_path on cases (org_path text_pattern_ops, created_at desc);
create index cases_created on cases (created_at desc);
create index cases_state on cases (state, created_at desc);
create index cases_handled_by on cases using gin (handled_by);
create index cases_reporter on cases (reporter_user_id) where reporter_user_id is not null;
create index cases_reporter_phone on cases (reporter_phone_hash) where reporter_phone_hash is not null;
-- Duplicate suggestion at intake: same category, open, recent, nearby.
create index cases_duplicates on cases (category_code, created_at desc) where state in
  ('reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'suspended');
-- The SLA job looks only at open cases with a time limit running.
create index cases_sla_due on cases (warn_at) where deadline_at is not null;
create index cases_parent on cases (parent_case_id) where parent_case_id is not null;
create index cases_search on cases using gin (search_vector);

-- Immutable: one line per transition, written in the same transaction as the state change.
create table case_timeline (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases (id),
  version integer not null,
  action text not null,
  from_state text,
  to_state text not null,
  from_tier text,
  to_tier text not null,
  actor_id text,
  actor_name text not null,
  actor_role text not null,
  actor_unit text,
  -- The case's place and its lead unit after the entry, copied: indicators count a part of
  -- the tree, or a department's work, from the timeline alone.
  org_path text not null,
  handling_unit text,
  at timestamptz not null,
  reason text,
  text text,
  photos text[],
  target_unit text,
  co_units text[],
  rating text,
  extension jsonb,
  supervision_level text,
  parent_case_id uuid,
  details jsonb not null default '{}',
  unique (case_id, version)
);
-- Indicators count transitions per period.
create index case_timeline_action_at on case_timeline (action, at);

create function case_timeline_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'case_timeline is append-only';
end
$$;
create trigger case_timeline_no_change before update or delete on case_timeline
  for each row execute function case_timeline_immutable();

-- Photos and documents; files live under the data directory, addressed by content hash.
create table case_attachments (
  id uuid primary key default gen_random_uuid(),
  case_id uuid references cases (id),
  storage_key text not null,
  mime text not null,
  size integer not null,
  sha256 text not null,
  original_name text not null default '',
  has_thumbnail boolean not null default false,
  uploaded_by text,
  created_at timestamptz not null default now()
);
create index case_attachments_case on case_attachments (case_id);

-- The command centre (指挥中心): a daily rollup of the case timeline, so a district's figures
-- over months read a few thousand rows instead of millions; the early-warning rules and the
-- warnings they raise.

-- One row per Beijing day × place (the case's org path) × lead unit × category: the counts of
-- the timeline events cases' indicators count. Filled by the job command.rollup for finished
-- days; today is always read live from the timeline.
create table command_daily_counts (
  day date not null,
  org_path text not null,
  handling_unit text not null default '',
  category_code text not null,
  reported integer not null default 0,
  accepted integer not null default 0,
  accepted_on_time integer not null default 0,
  registered integer not null default 0,
  dispatched integer not null default 0,
  closed integer not null default 0,
  closed_on_time integer not null default 0,
  closed_reworked integer not null default 0,
  closed_extended integer not null default 0,
  handling_seconds double precision not null default 0,
  overdue integer not null default 0,
  rated integer not null default 0,
  satisfied integer not null default 0,
  basically_satisfied integer not null default 0,
  unsatisfied integer not null default 0,
  resolved integer not null default 0,
  primary key (day, org_path, handling_unit, category_code)
);
-- The command centre of an area: a period's days under an org path prefix.
create index command_daily_counts_path on command_daily_counts (org_path text_pattern_ops, day);
-- A department's figures: what it led.
create index command_daily_counts_unit on command_daily_counts (handling_unit, day) where handling_unit <> '';

-- The days the rollup holds (a day is rolled once it is over; rolling it again replaces it).
create table command_rolled_days (
  day date primary key,
  rolled_at timestamptz not null default now()
);

create table command_warning_rules (
  kind text primary key check (kind in ('category_surge', 'repeated_place', 'overdue_jump')),
  enabled boolean not null default true,
  params jsonb not null,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by text
);

create table command_warnings (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('category_surge', 'repeated_place', 'overdue_jump')),
  state text not null default 'open' check (state in ('open', 'acknowledged', 'closed')),
  -- The place's org path (a grid's, a community's, or a department's) decides who sees it.
  org_path text not null,
  place_code text not null,
  place_name text not null,
  category_code text,
  title text not null,
  evidence jsonb not null default '{}',
  case_ids uuid[] not null default '{}',
  -- kind, place, category and day: one warning per finding, however often detection runs.
  finding_key text not null unique,
  detected_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  acknowledged_by text,
  closed_at timestamptz,
  closed_by text,
  note text,
  version integer not null default 1
);
create index command_warnings_path on command_warnings (org_path text_pattern_ops, detected_at desc);
create index command_warnings_open on command_warnings (state, detected_at desc) where state <> 'closed';

-- The same counts summed over lead unit and category, with places cut to the community: a
-- district's day is a few hundred rows, so the overview, trend and area rankings over months
-- read thousands, not millions. Filled from command_daily_counts when days are rolled.
create table command_daily_totals (like command_daily_counts including defaults);
alter table command_daily_totals drop column handling_unit, drop column category_code, add primary key (day, org_path);

-- The command centre counts and maps the open cases of an area on every visit (and the wall
-- every minute): partial indexes over open cases only, so a district with a million finished
-- cases reads its few tens of thousands of open ones from the index alone.
create index command_cases_open_path on cases (org_path text_pattern_ops) include (grid_code, overdue_at, supervision_level)
  where state in ('reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'suspended');
create index command_cases_open_recent on cases (created_at desc)
  where state in ('reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'suspended');

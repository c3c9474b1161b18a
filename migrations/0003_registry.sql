-- The registry (一户一档, 以房管人): buildings → houses → households → residents, key
-- groups with their visit schedules, and ledger import jobs.
--
-- Every row carries the org_path of the grid it lies in, so the scope helper's prefix
-- match applies to it directly. Personal identifiers (ID numbers, phones) are stored only
-- as AES-256-GCM tokens (*_enc) with an HMAC beside each (*_hash) for exact look-up.
-- Chinese text is searched through character bigrams in a tsvector built verbatim
-- (array_to_tsvector, no parser), so both engines and every locale match alike.

create table buildings (
  id uuid primary key default gen_random_uuid(),
  community_code text not null references org_nodes (code),
  grid_code text not null references grids (code),
  org_path text not null,
  name text not null,
  address text not null,
  floors integer check (floors between 1 and 200),
  units integer check (units between 1 and 100),
  use text not null default 'residential'
    check (use in ('residential', 'commercial', 'mixed', 'office', 'public', 'other')),
  lng double precision,
  lat double precision,
  search tsvector not null default ''::tsvector,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A community names each building once; the ledger import finds buildings by this name.
  unique (community_code, name)
);
create index buildings_path on buildings (org_path text_pattern_ops);
create index buildings_grid on buildings (grid_code);
create index buildings_search on buildings using gin (search);

create table houses (
  id uuid primary key default gen_random_uuid(),
  building_id uuid not null references buildings (id),
  grid_code text not null,
  org_path text not null,
  unit text not null default '',
  floor integer,
  number text not null,
  area numeric(8, 2),
  tenure text not null default 'owner_occupied' check (tenure in ('owner_occupied', 'rented', 'vacant')),
  notes text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (building_id, unit, number)
);
create index houses_path on houses (org_path text_pattern_ops);

create table households (
  id uuid primary key default gen_random_uuid(),
  house_id uuid not null references houses (id),
  grid_code text not null,
  org_path text not null,
  -- Several households may share a house (rented rooms): 1, 2, …
  number text not null default '1',
  head_resident_id uuid,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (house_id, number)
);
create index households_path on households (org_path text_pattern_ops);

create table residents (
  id uuid primary key default gen_random_uuid(),
  grid_code text not null references grids (code),
  org_path text not null,
  -- Where the person lives now; the history is in residence_history.
  house_id uuid references houses (id),
  household_id uuid references households (id),
  relation text check (relation in
    ('head', 'spouse', 'child', 'child_in_law', 'grandchild', 'parent', 'parent_in_law', 'grandparent', 'sibling', 'other')),
  status text not null default 'active' check (status in ('active', 'moved_out', 'deceased')),
  name text not null,
  name_pinyin text not null,
  name_initials text not null,
  gender text not null check (gender in ('male', 'female')),
  birth_date date not null,
  id_number_enc text not null,
  -- Same ID number = same person (GB 11643 numbers are unique).
  id_number_hash text not null unique,
  phone_enc text,
  phone_hash text,
  ethnicity text,
  residence_type text not null default 'local' check (residence_type in ('local', 'migrant')),
  arrived_on date,
  employer text,
  education text,
  political_status text,
  notes text,
  search tsvector not null default ''::tsvector,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index residents_path on residents (org_path text_pattern_ops);
create index residents_household on residents (household_id);
create index residents_house on residents (house_id);
create index residents_phone on residents (phone_hash);
-- Pinyin search is a prefix match: zhangsanf…, zsf…
create index residents_pinyin on residents (name_pinyin text_pattern_ops);
create index residents_initials on residents (name_initials text_pattern_ops);
create index residents_search on residents using gin (search);

alter table households add constraint households_head foreign key (head_resident_id) references residents (id);

-- Which house and household a person belonged to, and when (moved_out_on null: now).
create table residence_history (
  id uuid primary key default gen_random_uuid(),
  resident_id uuid not null references residents (id),
  house_id uuid references houses (id),
  household_id uuid references households (id),
  relation text,
  org_path text not null,
  moved_in_on date not null,
  moved_out_on date,
  reason text,
  created_at timestamptz not null default now()
);
create index residence_history_resident on residence_history (resident_id);
create index residence_history_household on residence_history (household_id);
create unique index residence_history_current on residence_history (resident_id) where moved_out_on is null;

-- Kinds of key group added by staff beside the built-in ones (see key-groups.ts); a kind
-- applies under the node it was made on.
create table key_group_kinds (
  code text primary key check (code ~ '^custom_[a-z0-9_]{1,40}$'),
  org_path text not null,
  name text not null,
  sensitive boolean not null default false,
  visit_every_days integer check (visit_every_days between 1 and 366),
  fields jsonb not null default '[]',
  created_at timestamptz not null default now()
);

create table key_group_memberships (
  id uuid primary key default gen_random_uuid(),
  resident_id uuid not null references residents (id),
  kind text not null,
  org_path text not null,
  -- Copied from the kind, so that scope and sensitivity are one condition on this row.
  sensitive boolean not null,
  fields jsonb not null default '{}',
  since date not null,
  until date,
  visit_every_days integer check (visit_every_days between 1 and 366),
  last_visited_on date,
  -- Maintained on every visit: "who is overdue" is next_visit_due < today.
  next_visit_due date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index key_group_memberships_current on key_group_memberships (resident_id, kind) where until is null;
create index key_group_memberships_path on key_group_memberships (org_path text_pattern_ops);
create index key_group_memberships_due on key_group_memberships (next_visit_due) where until is null;

create table visits (
  id uuid primary key default gen_random_uuid(),
  resident_id uuid not null references residents (id),
  membership_id uuid references key_group_memberships (id),
  org_path text not null,
  visited_on date not null,
  method text not null check (method in ('home', 'phone', 'video', 'other')),
  visitor_id uuid,
  visitor_name text not null,
  notes text,
  created_at timestamptz not null default now()
);
create index visits_resident on visits (resident_id, visited_on desc);
create index visits_path on visits (org_path text_pattern_ops);

-- Ledger imports: one job per uploaded file, checked into the staging table below, then
-- committed in one transaction.
create table registry_imports (
  id uuid primary key default gen_random_uuid(),
  community_code text not null references org_nodes (code),
  org_path text not null,
  actor_id uuid,
  actor_name text not null,
  file_name text not null,
  format text not null check (format in ('xlsx', 'csv')),
  mapping jsonb not null default '{}',
  headers jsonb not null default '[]',
  status text not null check (status in ('checking', 'checked', 'committing', 'committed', 'failed', 'discarded')),
  only_valid boolean,
  total_rows integer not null default 0,
  valid_rows integer not null default 0,
  error_rows integer not null default 0,
  new_rows integer not null default 0,
  changed_rows integer not null default 0,
  unchanged_rows integer not null default 0,
  inserted integer not null default 0,
  updated integer not null default 0,
  skipped integer not null default 0,
  failure jsonb,
  heartbeat_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  checked_at timestamptz,
  committed_at timestamptz
);
create index registry_imports_path on registry_imports (org_path text_pattern_ops);

create table registry_import_errors (
  import_id uuid not null references registry_imports (id) on delete cascade,
  row_no integer not null,
  column_name text not null,
  message text not null,
  person_name text
);
create index registry_import_errors_import on registry_import_errors (import_id, row_no);

-- Checked rows waiting for commit: normalised, personal identifiers already encrypted.
create unlogged table registry_import_rows (
  import_id uuid not null references registry_imports (id) on delete cascade,
  row_no integer not null,
  valid boolean not null default true,
  grid_code text,
  building text,
  unit text,
  floor integer,
  house_number text,
  household_number text,
  tenure text,
  relation text,
  name text,
  name_pinyin text,
  name_initials text,
  gender text,
  birth_date date,
  id_number_enc text,
  id_number_hash text,
  phone_enc text,
  phone_hash text,
  ethnicity text,
  residence_type text,
  arrived_on date,
  employer text,
  education text,
  political_status text,
  notes text,
  key_groups jsonb not null default '[]',
  search_terms text[] not null default '{}',
  building_terms text[] not null default '{}',
  primary key (import_id, row_no)
);
create index registry_import_rows_hash on registry_import_rows (import_id, id_number_hash);

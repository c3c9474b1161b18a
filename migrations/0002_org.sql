-- The organisation tree (行政区划 and departments) and grids (网格).

create table org_nodes (
  code text primary key,
  parent_code text references org_nodes (code),
  level text not null check (level in ('province', 'city', 'district', 'street', 'community', 'department')),
  name text not null,
  full_name text not null,
  org_path text not null unique,
  -- SEEDS row 17: the seven community types of Yuhua's 分类治理.
  community_type text check (community_type in
    ('old_town', 'new_estate', 'work_unit', 'mixed', 'resettlement', 'affordable_housing', 'commercial')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index org_nodes_parent on org_nodes (parent_code);
-- Scope checks are prefix matches on org_path.
create index org_nodes_path on org_nodes (org_path text_pattern_ops);

create table grids (
  code text primary key check (code ~ '^[A-Za-z0-9-]{1,32}$'),
  community_code text not null references org_nodes (code),
  name text not null,
  kind text not null check (kind in ('community', 'key_unit', 'road')),
  org_path text not null unique,
  geometry jsonb not null,
  min_lng double precision not null,
  min_lat double precision not null,
  max_lng double precision not null,
  max_lat double precision not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index grids_community on grids (community_code);
create index grids_path on grids (org_path text_pattern_ops);

-- 一格三员 and the real-name public roster (实名制公示).
create table grid_staff (
  id uuid primary key default gen_random_uuid(),
  grid_code text not null references grids (code) on delete cascade,
  org_path text not null,
  name text not null,
  duty text not null check (duty in ('grid_leader', 'grid_worker', 'police', 'supervisor', 'party_liaison', 'volunteer')),
  phone text,
  user_id uuid references users (id) on delete set null,
  sort integer not null default 0,
  created_at timestamptz not null default now()
);
create index grid_staff_grid on grid_staff (grid_code);
create index grid_staff_path on grid_staff (org_path text_pattern_ops);

-- Service facilities and the 15-minute life circle (GB 50180-2018).
--
-- facility_kinds is the standard table, editable by district staff: each kind, the circle
-- that should have it and the walking distance within which every building should find one.
-- facilities carry the org_path of the grid (or, outside every grid, the community) they
-- lie in, so the scope helper applies to them directly. facility_districts holds each
-- district's distance settings (detour factor, road network) and the coverage bookkeeping;
-- building_coverage is the computed coverage: one row per registry building, rebuilt by the
-- background job from the registry's buildings (never edited by hand).

create table facility_kinds (
  code text primary key,
  name text not null,
  name_en text not null,
  category text not null check (category in ('public_service', 'commercial', 'municipal', 'transport', 'block_service')),
  level text not null check (level in ('15min', '10min', '5min', 'block')),
  walk_meters integer not null check (walk_meters between 50 and 5000),
  required boolean not null,
  population_group text not null default 'all' check (population_group in ('all', 'elderly', 'children')),
  sort integer not null default 0,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

-- GB 50180-2018 appendix B (15-, 10- and 5-minute circles) and C (neighbourhood block);
-- `required` follows the ▲ marks. The block's facilities are built and run with the housing
-- (property services), so they are seeded as not counted; a district may turn them on.
insert into facility_kinds (code, name, name_en, category, level, walk_meters, required, population_group, sort) values
  ('middle_school',        '初中',                       'Middle school',                        'public_service', '15min', 1000, true,  'children', 10),
  ('sports_ground_large',  '大型多功能运动场地',         'Large multi-purpose sports ground',    'public_service', '15min', 1000, true,  'all',      20),
  ('health_centre',        '卫生服务中心（社区医院）',   'Community health centre',              'public_service', '15min', 1000, true,  'all',      30),
  ('outpatient_clinic',    '门诊部',                     'Outpatient clinic',                    'public_service', '15min', 1000, false, 'all',      40),
  ('nursing_home',         '养老院',                     'Nursing home',                         'public_service', '15min', 1000, true,  'elderly',  50),
  ('elderly_care_home',    '老年养护院',                 'Elderly care home',                    'public_service', '15min', 1000, true,  'elderly',  60),
  ('culture_centre',       '文化活动中心',               'Cultural activity centre',             'public_service', '15min', 1000, true,  'all',      70),
  ('service_centre',       '社区服务中心（街道级）',     'Community service centre (street)',    'public_service', '15min', 1000, true,  'all',      80),
  ('street_office',        '街道办事处',                 'Street office',                        'public_service', '15min', 1000, true,  'all',      90),
  ('judicial_office',      '司法所',                     'Judicial office',                      'public_service', '15min', 1000, true,  'all',     100),
  ('police_station',       '派出所',                     'Police station',                       'public_service', '15min', 1000, false, 'all',     110),
  ('shopping_centre',      '商场',                       'Shopping centre',                      'commercial',     '15min', 1000, false, 'all',     120),
  ('fresh_market',         '菜市场或生鲜超市',           'Fresh market or supermarket',          'commercial',     '10min',  500, false, 'all',     130),
  ('bank',                 '银行营业网点',               'Bank branch',                          'commercial',     '15min', 1000, false, 'all',     140),
  ('post_office',          '邮政营业场所',               'Post office',                          'commercial',     '15min', 1000, false, 'all',     150),
  ('primary_school',       '小学',                       'Primary school',                       'public_service', '10min',  500, true,  'children', 200),
  ('sports_ground_medium', '中型多功能运动场地',         'Medium multi-purpose sports ground',   'public_service', '10min',  500, true,  'all',     210),
  ('service_station',      '社区服务站',                 'Community service station',            'public_service', '5min',   300, true,  'all',     300),
  ('community_canteen',    '社区食堂',                   'Community canteen',                    'public_service', '5min',   300, false, 'elderly', 310),
  ('culture_station',      '文化活动站',                 'Cultural activity station',            'public_service', '5min',   300, true,  'all',     320),
  ('sports_ground_small',  '小型多功能运动（球类）场地', 'Small ball-games ground',              'public_service', '5min',   300, true,  'all',     330),
  ('outdoor_fitness',      '室外综合健身场地',           'Outdoor fitness ground',               'public_service', '5min',   300, true,  'all',     340),
  ('kindergarten',         '幼儿园',                     'Kindergarten',                         'public_service', '5min',   300, true,  'children', 350),
  ('nursery',              '托儿所',                     'Nursery',                              'public_service', '5min',   300, false, 'children', 360),
  ('elderly_day_care',     '老年人日间照料中心（托老所）', 'Elderly day-care centre',            'public_service', '5min',   300, true,  'elderly',  370),
  ('health_station',       '社区卫生服务站',             'Community health station',             'public_service', '5min',   300, false, 'all',     380),
  ('retail_outlet',        '社区商业网点',               'Neighbourhood shops',                  'commercial',     '5min',   300, false, 'all',     390),
  ('recycling_point',      '再生资源回收点',             'Recycling point',                      'municipal',      '5min',   300, true,  'all',     400),
  ('waste_station',        '生活垃圾收集站',             'Household waste station',              'municipal',      '5min',   300, true,  'all',     410),
  ('public_toilet',        '公共厕所',                   'Public toilet',                        'municipal',      '5min',   300, false, 'all',     420),
  ('bus_stop',             '公交车站',                   'Bus stop',                             'transport',      '5min',   300, false, 'all',     430),
  ('property_service',     '物业管理与服务',             'Property management office',           'block_service',  'block',  150, false, 'all',     500),
  ('play_ground',          '儿童、老年人活动场地',       'Children''s and elderly play ground',  'block_service',  'block',  150, false, 'all',     510),
  ('fitness_equipment',    '室外健身器械',               'Outdoor fitness equipment',            'block_service',  'block',  150, false, 'all',     520),
  ('convenience_store',    '便利店',                     'Convenience store',                    'block_service',  'block',  150, false, 'all',     530),
  ('parcel_point',         '邮件和快件送达设施',         'Parcel lockers',                       'block_service',  'block',  150, false, 'all',     540),
  ('waste_point',          '生活垃圾收集点',             'Household waste point',                'block_service',  'block',  150, false, 'all',     550);

create table facilities (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  kind text not null references facility_kinds (code),
  level text not null check (level in ('15min', '10min', '5min', 'block')),
  lng double precision not null check (lng between -180 and 180),
  lat double precision not null check (lat between -90 and 90),
  address text,
  opening_hours text,
  capacity integer check (capacity >= 0),
  operator_type text not null check (operator_type in ('department', 'community', 'social_organisation', 'enterprise')),
  operator_name text not null,
  operator_code text,
  contact text,
  community_code text not null references org_nodes (code),
  grid_code text references grids (code),
  org_path text not null,
  -- The district's code: coverage is computed per district.
  district_code text not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index facilities_path on facilities (org_path text_pattern_ops);
create index facilities_district_kind on facilities (district_code, kind);

create table facility_districts (
  district_code text primary key,
  org_path text not null,
  detour_factor double precision not null default 1.3 check (detour_factor between 1 and 3),
  -- The imported road network: an array of lines, each an array of [lng, lat].
  road_lines jsonb,
  road_nodes integer,
  road_edges integer,
  road_length_km double precision,
  road_imported_at timestamptz,
  -- Bumped by every change that affects coverage; the job records what it computed.
  generation integer not null default 1,
  computed_generation integer not null default 0,
  computed_at timestamptz,
  -- A digest of the registry's buildings and counts last computed with, so the periodic
  -- check recomputes only when the registry changed.
  population_digest text,
  computed_method text check (computed_method in ('road', 'straight_line'))
);

create table building_coverage (
  building_id uuid primary key,
  district_code text not null,
  community_code text not null,
  grid_code text not null,
  org_path text not null,
  name text not null,
  address text not null,
  lng double precision not null,
  lat double precision not null,
  residents integer not null,
  elderly integer not null,
  children integer not null,
  -- Per kind code: walking metres to the nearest facility (null: none reachable) and its id.
  distances jsonb not null,
  nearest jsonb not null,
  -- The required kinds out of reach (distance above the kind's walk_meters, or none).
  lacking text[] not null,
  search text not null
);
create index building_coverage_path on building_coverage (org_path text_pattern_ops);
create index building_coverage_community on building_coverage (community_code);
create index building_coverage_district on building_coverage (district_code);

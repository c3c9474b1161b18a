-- The practice library: the governance innovations the seed documents record (the top-ten
-- lists of 2013 and 2014 and their nominees, the experimental zones of 2015 and 2019, the
-- case studies) and the local practices staff add. Shipped rows are upserted by the module
-- (first use, `gongzhi practices load`, the demo); version 1 means staff have not edited one.
create table practices (
  id text primary key,
  source text not null check (source in ('top_ten_2013', 'nominee_2013', 'top_ten_2014', 'nominee_2014', 'zone_2015', 'zone_2019', 'case_study', 'local')),
  year integer not null,
  seq integer not null default 0,
  title text not null,
  title_en text not null,
  place_name text not null,
  division_code text,
  province_code text,
  -- The org path of the division (110000.110100.110108), '' without a place: who may edit it.
  org_path text not null,
  submitter text,
  themes text[] not null,
  summary text not null,
  summary_en text not null,
  features text[] not null,
  is_shipped boolean not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- The library is a few hundred rows: the public filters scan it; these keep the order and the
-- province facet cheap as local practices accumulate.
create index practices_year on practices (year, source, seq);
create index practices_province on practices (province_code);

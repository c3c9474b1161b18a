-- The daily rollup of the case timeline belongs with the timeline it folds: the cases module
-- fills it (the job cases.rollup) and reads it for its indicators; the command centre reads it
-- through the cases module. Same tables and rows, new names.
alter table command_daily_counts rename to case_daily_counts;
alter table case_daily_counts rename constraint command_daily_counts_pkey to case_daily_counts_pkey;
alter index command_daily_counts_path rename to case_daily_counts_path;
alter index command_daily_counts_unit rename to case_daily_counts_unit;

alter table command_daily_totals rename to case_daily_totals;
alter table case_daily_totals rename constraint command_daily_totals_pkey to case_daily_totals_pkey;

alter table command_daily_categories rename to case_daily_categories;
alter table case_daily_categories rename constraint command_daily_categories_pkey to case_daily_categories_pkey;

alter table command_daily_units rename to case_daily_units;
alter table case_daily_units rename constraint command_daily_units_pkey to case_daily_units_pkey;
alter index command_daily_units_unit rename to case_daily_units_unit;

alter table command_rolled_days rename to case_rolled_days;
alter table case_rolled_days rename constraint command_rolled_days_pkey to case_rolled_days_pkey;

-- Two coarser rollups, so a year reads some ten thousand rows: a district's streets (places cut
-- to the street, no lead unit or category) and the departments (lead units, places cut to the
-- district). Filled from case_daily_counts by the job with the others.
create table case_daily_streets (like case_daily_counts including defaults);
alter table case_daily_streets drop column handling_unit, drop column category_code, add primary key (day, org_path);
create table case_daily_leads (like case_daily_counts including defaults);
alter table case_daily_leads drop column category_code, add primary key (day, org_path, handling_unit);
insert into case_daily_streets
  select day, array_to_string((string_to_array(org_path, '.'))[1:4], '.'), sum(reported), sum(accepted), sum(accepted_on_time), sum(registered),
    sum(dispatched), sum(closed), sum(closed_on_time), sum(closed_reworked), sum(closed_extended), sum(handling_seconds), sum(overdue),
    sum(rated), sum(satisfied), sum(basically_satisfied), sum(unsatisfied), sum(resolved)
  from case_daily_counts group by 1, 2;
insert into case_daily_leads
  select day, array_to_string((string_to_array(org_path, '.'))[1:3], '.'), handling_unit, sum(reported), sum(accepted), sum(accepted_on_time), sum(registered),
    sum(dispatched), sum(closed), sum(closed_on_time), sum(closed_reworked), sum(closed_extended), sum(handling_seconds), sum(overdue),
    sum(rated), sum(satisfied), sum(basically_satisfied), sum(unsatisfied), sum(resolved)
  from case_daily_counts group by 1, 2, 3;

-- The job was command.rollup: no process claims that kind any more, so a queued or finished
-- row of it would only linger. The first round of cases.rollup rolls what it would have.
delete from jobs where kind = 'command.rollup';

-- The timeline partitioned by Beijing month of `at`: a window of months reads its months, old
-- months can be detached and archived whole. A partitioned table's keys must hold the partition
-- key, so the primary key is (id, at) and the version is unique per (case_id, version, at); a
-- case's versions stay unique through the guarded update of cases.version every entry is written
-- with. Months from the oldest entry's (two years back at least: history is often loaded after
-- installing) to twelve ahead get their own partition (the job
-- cases.partitions keeps twelve ahead); anything else lands in the default one.
alter table case_timeline rename to case_timeline_unpartitioned;
alter index case_timeline_action_at rename to case_timeline_unpartitioned_action_at;
alter index case_timeline_at rename to case_timeline_unpartitioned_at;
alter table case_timeline_unpartitioned rename constraint case_timeline_pkey to case_timeline_unpartitioned_pkey;
alter table case_timeline_unpartitioned rename constraint case_timeline_case_id_version_key to case_timeline_unpartitioned_case_id_version_key;
alter table case_timeline_unpartitioned rename constraint case_timeline_case_id_fkey to case_timeline_unpartitioned_case_id_fkey;
alter sequence case_timeline_id_seq rename to case_timeline_unpartitioned_id_seq;

create table case_timeline (
  id bigint generated always as identity,
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
  primary key (id, at),
  unique (case_id, version, at)
) partition by range (at);
create table case_timeline_default partition of case_timeline default;

create function case_timeline_month_partition(month date) returns void language plpgsql as $$
begin
  execute format('create table if not exists %I partition of case_timeline for values from (%L) to (%L)',
    'case_timeline_' || to_char(month, 'YYYY_MM'),
    (month::timestamp at time zone 'Asia/Shanghai'),
    ((month + interval '1 month')::date::timestamp at time zone 'Asia/Shanghai'));
end
$$;

do $$
declare
  first_month date := date_trunc('month', least((select min(at) from case_timeline_unpartitioned), now() - interval '24 months') at time zone 'Asia/Shanghai')::date;
  m date;
begin
  m := first_month;
  while m <= (date_trunc('month', now() at time zone 'Asia/Shanghai') + interval '12 months')::date loop
    perform case_timeline_month_partition(m);
    m := (m + interval '1 month')::date;
  end loop;
end
$$;

insert into case_timeline overriding system value
  select id, case_id, version, action, from_state, to_state, from_tier, to_tier, actor_id, actor_name, actor_role, actor_unit, org_path,
    handling_unit, at, reason, text, photos, target_unit, co_units, rating, extension, supervision_level, parent_case_id, details
  from case_timeline_unpartitioned;
select setval(pg_get_serial_sequence('case_timeline', 'id'), coalesce((select max(id) from case_timeline), 0) + 1, false);
drop table case_timeline_unpartitioned;

-- Indicators count transitions per period; Open311 reads updates since an instant.
create index case_timeline_action_at on case_timeline (action, at);
create index case_timeline_at on case_timeline (at, id);
create trigger case_timeline_no_change before update or delete on case_timeline
  for each row execute function case_timeline_immutable();

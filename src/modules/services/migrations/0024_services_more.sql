-- One-stop services, finishing round: bundles are edited from the console under an
-- optimistic lock (a version, as items have), and an item version names the admission-list
-- entries (三个清单, 证明事项保留清单) it is on.

alter table service_bundles add column version integer not null default 1;
alter table service_bundles add column updated_at timestamptz not null default now();

alter table service_item_versions add column admission_entries text[] not null default '{}';

-- The ratings page filters by period and reads newest first.
create index service_ratings_created_idx on service_ratings (created_at desc);

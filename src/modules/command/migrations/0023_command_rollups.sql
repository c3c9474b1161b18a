-- Two coarser rollups for the command centre's heaviest questions, filled from
-- command_daily_counts by the same job and in the same transaction:
-- the categories of an area (with places cut to the street) and the departments' rankings (with
-- places cut to the district). A district's month reads a few tens of thousands of rows instead
-- of the detailed rollup's hundreds of thousands.
create table command_daily_categories (like command_daily_counts including defaults);
alter table command_daily_categories drop column handling_unit, add primary key (day, org_path, category_code);

create table command_daily_units (like command_daily_counts including defaults);
alter table command_daily_units drop column category_code, add primary key (day, org_path, handling_unit);
-- A department's own command centre reads what it led.
create index command_daily_units_unit on command_daily_units (handling_unit, day) where handling_unit <> '';

-- Early-warning rules per area: '' is the installation's default; a district's or street's own row
-- overrides it for the places under it (the nearest one wins).
alter table command_warning_rules add column org_path text not null default '';
alter table command_warning_rules drop constraint command_warning_rules_pkey, add primary key (kind, org_path);

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

-- The job was command.rollup: no process claims that kind any more, so a queued or finished
-- row of it would only linger. The first round of cases.rollup rolls what it would have.
delete from jobs where kind = 'command.rollup';

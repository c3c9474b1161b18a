-- The rollup remembers how far it has folded the timeline instead of which days it holds: it
-- holds exactly the entries with id <= folded_id and at < complete_until (today's included, up
-- to that instant); readers add the timeline's entries outside that set. One row, written by
-- the job cases.rollup in the same transaction as the rollup rows.
create table case_rollup_state (
  only_row boolean primary key default true check (only_row),
  folded_id bigint not null,
  complete_until timestamptz not null
);

-- The days held before were rolled without the id bound: the next run of the job rolls the
-- whole timeline again under the new rule.
truncate case_daily_counts, case_daily_totals, case_daily_categories, case_daily_units, case_daily_streets, case_daily_leads;
drop table case_rolled_days;

-- A year by department reads some ten thousand of the departments' rows out of the lead units'
-- hundreds of thousands (communities lead cases too): by unit, then day.
create index case_daily_leads_unit on case_daily_leads (handling_unit, day);

-- Lists that read only what they show.
--
-- Department lists: the org units a case was dispatched to, one row each, written in the
-- dispatch's transaction. A department's cases are a btree range here instead of a GIN
-- `handled_by && array[...]` filter over every case. created_at is the case's, so a
-- department's newest cases come in the list's order. (The GIN index stays for a street's
-- or community's "in my tree or dispatched to me", one bitmap OR with the path index.)
create table case_handlers (
  case_id uuid not null,
  unit text not null,
  created_at timestamptz not null,
  primary key (case_id, unit)
);
create index case_handlers_unit on case_handlers (unit, created_at desc, case_id);
insert into case_handlers (case_id, unit, created_at)
  select distinct c.id, u.unit, c.created_at from cases c cross join lateral unnest(c.handled_by) as u(unit);

-- The to-do is a union of one branch per to-do rule (workflow.ts todoRules); each branch
-- finds its cases through a partial index over the states it waits in, so its cost follows
-- the open backlog, not the history.
create index cases_todo_path on cases (org_path text_pattern_ops) where state in ('reported', 'accepted', 'handled');
create index cases_todo_dispatcher on cases (dispatcher_unit) where state in ('registered', 'handled');
create index cases_todo_extension on cases (dispatcher_unit) where pending_extension is not null;
create index cases_todo_handling on cases (handling_unit) where state in ('dispatched', 'handling');
create index cases_todo_rating on cases (reporter_user_id) where state = 'closed';
-- The to-do board reads each branch in its order (most urgent first) and stops at a page.
create index cases_todo_deadline on cases (state, deadline_at asc nulls last, created_at desc, id desc)
  where state in ('reported', 'accepted', 'registered', 'dispatched', 'handling', 'handled', 'closed');

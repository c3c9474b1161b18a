-- A unit's to-do branches read their cases in the list's order (newest first) straight from
-- their index and stop at a page. With the unit alone, the planner, misjudging how many open
-- cases a department holds, walked every open case newest first and filtered them: 250 ms at
-- 10 M cases for a department with none waiting (bench/cases-queries.ts), 2–5 ms with this.
drop index cases_todo_handling;
create index cases_todo_handling on cases (handling_unit, created_at desc, id desc) where state in ('dispatched', 'handling');
drop index cases_todo_dispatcher;
create index cases_todo_dispatcher on cases (dispatcher_unit, created_at desc, id desc) where state in ('registered', 'handled');

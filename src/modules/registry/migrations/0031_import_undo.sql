-- Undoing an interrupted import on the embedded database, where the commit runs in chunks of
-- short transactions: each chunk records the ids of the rows it created (before is null) and
-- the row as it was before of each row it may have changed. Undo replays a job's chunks
-- backwards (undo.ts). Logged, unlike the staging table, so that it survives a crash.
create table registry_import_undo (
  import_id uuid not null references registry_imports (id) on delete cascade,
  chunk integer not null,
  table_name text not null,
  row_id uuid not null,
  before jsonb
);
create index registry_import_undo_chunk on registry_import_undo (import_id, chunk);
-- Set when an undo begins: such a job may be undone again, never committed further.
alter table registry_imports add column undo_started_at timestamptz;
-- A chunk's commit clears the head of households whose head it moves; without this index that
-- scans every household once per chunk.
create index households_head on households (head_resident_id);

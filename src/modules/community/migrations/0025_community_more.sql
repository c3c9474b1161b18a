-- An organisation's registration status (正常 / 注销 / 撤销), and files (photos, PDF) attached to
-- a project milestone's deliverables, stored by the platform's storage under their SHA-256.

alter table community_organisations add column status text not null default 'active';

create table community_project_deliverables (
  id uuid primary key default gen_random_uuid(),
  milestone_id uuid not null,
  application_id uuid not null,
  storage_key text not null,
  filename text not null,
  mime text not null,
  size integer not null,
  uploaded_by text not null,
  created_at timestamptz not null default now()
);
create index community_project_deliverables_milestone on community_project_deliverables (milestone_id, created_at);

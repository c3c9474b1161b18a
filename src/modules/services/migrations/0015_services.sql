-- One-stop services: the versioned catalogue, "one thing" bundles, applications with their
-- materials and timeline. Applicants' ID numbers and phones are stored encrypted with
-- look-up hashes, as in the registry.
create table service_items (
  code text primary key,
  current_version integer not null,
  active boolean not null default true,
  search_text text not null,
  updated_at timestamptz not null default now()
);

create table service_item_versions (
  code text not null references service_items (code),
  version integer not null,
  name text not null,
  kind text not null,
  department_code text,
  accept_levels text[] not null,
  statutory_days integer not null,
  promised_days integer not null,
  materials jsonb not null,
  fees text not null,
  channels text[] not null,
  district_wide boolean not null,
  form_fields jsonb not null,
  guide text not null,
  created_by text,
  created_at timestamptz not null default now(),
  primary key (code, version)
);

create table service_bundles (
  code text primary key,
  name text not null,
  life_event text not null,
  item_codes text[] not null,
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table service_bundle_applications (
  number text primary key,
  bundle_code text not null references service_bundles (code),
  org_path text not null,
  completed_at timestamptz,
  created_at timestamptz not null default now()
);

create table service_applications (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  item_code text not null,
  item_version integer not null,
  bundle_number text references service_bundle_applications (number),
  status text not null,
  channel text not null,
  unit_code text not null,
  org_path text not null,
  community_code text not null,
  department_path text,
  applicant_user_id text,
  resident_id uuid,
  applicant_name text not null,
  id_number_enc text not null,
  id_number_hash text not null,
  phone_enc text not null,
  phone_hash text not null,
  form jsonb not null,
  deferred text[] not null default '{}',
  committed text[] not null default '{}',
  correction jsonb,
  reason text,
  submitted_at timestamptz not null default now(),
  accepted_at timestamptz,
  due_at timestamptz,
  warned_at timestamptz,
  overdue_at timestamptz,
  finished_at timestamptz,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  foreign key (item_code, item_version) references service_item_versions (code, version)
);
create index service_applications_scope on service_applications (org_path, status);
create index service_applications_department on service_applications (department_path) where department_path is not null;
create index service_applications_applicant on service_applications (applicant_user_id) where applicant_user_id is not null;
create index service_applications_bundle on service_applications (bundle_number) where bundle_number is not null;
create index service_applications_due on service_applications (due_at) where finished_at is null and due_at is not null;

create table service_application_materials (
  id uuid primary key default gen_random_uuid(),
  application_id uuid references service_applications (id),
  material_key text,
  storage_key text not null,
  filename text not null,
  mime text not null,
  size integer not null,
  uploaded_by text,
  created_at timestamptz not null default now()
);
create index service_application_materials_app on service_application_materials (application_id);

create table service_application_events (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references service_applications (id),
  action text not null,
  status text not null,
  actor_id text,
  actor_name text,
  note text,
  at timestamptz not null default now()
);
create index service_application_events_app on service_application_events (application_id, at);

create table service_application_counters (
  prefix text not null,
  day text not null,
  seq integer not null,
  primary key (prefix, day)
);

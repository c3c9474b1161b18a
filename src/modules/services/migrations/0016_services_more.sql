-- One-stop services, second part: appointments (预约) at centres' windows, 好差评 ratings and
-- the rectification of bad ones, the work-item admission lists (三个清单) with the tasks
-- departments push to communities, and the certificates communities issue from held data.
-- Community-type service packages and the generated ledgers are plain data and queries.

create table service_windows (
  id uuid primary key default gen_random_uuid(),
  -- The centre: the org unit (community, street or district) whose hall has the window.
  centre_code text not null,
  org_path text not null,
  name text not null,
  created_at timestamptz not null default now(),
  unique (centre_code, name)
);

create table appointment_slots (
  id uuid primary key default gen_random_uuid(),
  window_id uuid not null references service_windows (id),
  centre_code text not null,
  org_path text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  capacity integer not null check (capacity > 0),
  -- Kept beside the bookings so one conditional update takes a place without a race.
  booked integer not null default 0 check (booked >= 0 and booked <= capacity),
  unique (window_id, starts_at)
);
-- The portal's free slots of a centre, by day.
create index appointment_slots_centre on appointment_slots (centre_code, starts_at);

create table appointments (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  slot_id uuid not null references appointment_slots (id),
  org_path text not null,
  item_code text,
  applicant_name text not null,
  phone_enc text not null,
  phone_hash text not null,
  phone_masked text not null,
  user_id uuid,
  status text not null check (status in ('booked', 'cancelled', 'arrived', 'no_show')),
  queue_number text,
  arrived_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz not null default now()
);
create index appointments_slot on appointments (slot_id, status);
-- No-show counts per phone, and a resident's own bookings.
create index appointments_phone on appointments (phone_hash, status);
create index appointments_user on appointments (user_id) where user_id is not null;

create table service_ratings (
  id uuid primary key default gen_random_uuid(),
  subject_kind text not null check (subject_kind in ('application', 'case')),
  subject_id text not null,
  subject_number text not null,
  item_code text,
  item_name text,
  -- The org unit that handled it: the centre for an application, the community (or street) for a case.
  centre_code text not null,
  org_path text not null,
  channel text not null check (channel in ('online', 'counter')),
  level integer not null check (level between 1 and 5),
  dimensions jsonb not null,
  comment text not null default '',
  rater_user_id uuid,
  -- An appeal upheld (申诉复核) voids a mistaken or malicious rating: it leaves the statistics.
  voided boolean not null default false,
  created_at timestamptz not null default now(),
  unique (subject_kind, subject_id)
);
-- Statistics per centre and item over a period.
create index service_ratings_centre on service_ratings (org_path, created_at);
create index service_ratings_item on service_ratings (item_code, created_at);

create table rating_rectifications (
  id uuid primary key default gen_random_uuid(),
  rating_id uuid not null unique references service_ratings (id),
  org_path text not null,
  status text not null check (status in ('awaiting_callback', 'rectifying', 'rectified', 'appealed', 'voided')),
  deadline timestamptz not null,
  overdue_at timestamptz,
  callback_at timestamptz,
  callback_by text,
  callback_note text,
  rectified_at timestamptz,
  rectified_by text,
  rectification_note text,
  appeal_reason text,
  appeal_note text,
  appealed_at timestamptz,
  appeal_decision text check (appeal_decision in ('upheld', 'rejected')),
  appeal_decision_note text,
  decided_at timestamptz,
  decided_by text,
  version integer not null default 1,
  created_at timestamptz not null default now()
);
create index rating_rectifications_open on rating_rectifications (status, deadline);
create index rating_rectifications_path on rating_rectifications (org_path);

create table admission_entries (
  id uuid primary key default gen_random_uuid(),
  list text not null check (list in ('statutory', 'assisting', 'negative', 'certificate')),
  code text not null unique,
  title text not null,
  basis text not null default '',
  department_name text not null default '',
  -- For the certificate list: the kind the platform can generate from held data, if any.
  certificate_kind text,
  district_code text not null,
  org_path text not null,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index admission_entries_list on admission_entries (district_code, list);

create table community_tasks (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  department_code text not null,
  department_name text not null,
  department_path text not null,
  target_code text not null,
  target_name text not null,
  -- The target's path: the communities that must do the task lie under it.
  org_path text not null,
  title text not null,
  description text not null default '',
  deadline date not null,
  report_fields jsonb not null,
  entry_id uuid references admission_entries (id),
  status text not null check (status in ('assigned', 'under_review', 'refused')),
  review_reason text,
  decision_note text,
  decided_at timestamptz,
  decided_by text,
  created_by uuid,
  created_at timestamptz not null default now()
);
create index community_tasks_path on community_tasks (org_path, created_at);
create index community_tasks_department on community_tasks (department_path, created_at);

create table community_certificates (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  code text not null unique,
  entry_id uuid not null references admission_entries (id),
  community_code text not null,
  org_path text not null,
  resident_id text not null,
  holder text not null,
  purpose text not null,
  issued_by text not null,
  created_at timestamptz not null default now()
);
create index community_certificates_path on community_certificates (org_path, created_at);

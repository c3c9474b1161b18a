-- Participation, part one: residents' accounts linked to the registry, needs (问需), micro-wishes
-- (微心愿), community proposals (社区提案) with supports, reviews, answers, milestones and
-- evaluations, and participation points (积分激励) by rule into an append-only ledger.

-- A resident's account linked to one registry resident (checked by name and ID number): the
-- proof that supports, votes and evaluations come from a real resident, one each.
create table participation_residents (
  user_id uuid primary key references users (id) on delete cascade,
  resident_id uuid not null unique references residents (id),
  community_code text not null,
  org_path text not null,
  verified_at timestamptz not null default now()
);

create table participation_needs (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  community_code text not null,
  need_class text not null,
  matter_kind text,
  title text not null,
  description text not null default '',
  channel text not null,
  resident_id uuid references residents (id),
  visit_id uuid references visits (id),
  recorded_by uuid references users (id) on delete set null,
  recorded_by_name text not null,
  status text not null default 'open',
  merged_into uuid references participation_needs (id),
  proposal_id uuid,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  check (status <> 'merged' or merged_into is not null),
  check (merged_into is null or merged_into <> id)
);
create index participation_needs_path on participation_needs (org_path text_pattern_ops, created_at desc);

create table participation_micro_wishes (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  community_code text not null,
  need_id uuid references participation_needs (id),
  wish text not null,
  -- What the board shows of the resident: a masked surname at most (王**).
  shown_name text not null,
  resident_id uuid references residents (id),
  status text not null default 'open',
  claimant_kind text,
  claimant_id uuid,
  claimant_name text,
  claimed_at timestamptz,
  fulfilment_note text,
  photo_key text,
  photo_mime text,
  fulfilled_at timestamptz,
  thanks text,
  thanked_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  check (status = 'open' or status = 'withdrawn' or claimant_kind is not null)
);
create index participation_micro_wishes_path on participation_micro_wishes (org_path text_pattern_ops, created_at desc);

create table participation_proposals (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  community_code text not null,
  title text not null,
  body text not null,
  proposer_kind text not null,
  proposer_resident_id uuid references residents (id),
  -- A council's or unit's name; a resident proposer is never named in public.
  proposer_name text not null,
  submitted_by uuid references users (id) on delete set null,
  need_id uuid references participation_needs (id),
  matter_kind text,
  status text not null default 'submitted',
  merged_into uuid references participation_proposals (id),
  support_count integer not null default 0,
  review_criteria text,
  review_mean numeric(5, 2),
  answer text,
  answer_reason text,
  answered_at timestamptz,
  responsible_unit text,
  published_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  check (status <> 'merged' or merged_into is not null),
  check (answer is null or answer = 'accepted' or answer_reason is not null)
);
create index participation_proposals_path on participation_proposals (org_path text_pattern_ops, created_at desc);

-- One support per verified resident: the unique key decides, not a check before the insert.
create table participation_proposal_supports (
  proposal_id uuid not null references participation_proposals (id),
  resident_id uuid not null references residents (id),
  created_at timestamptz not null default now(),
  primary key (proposal_id, resident_id)
);

create table participation_review_panel (
  proposal_id uuid not null references participation_proposals (id),
  user_id uuid not null references users (id),
  member_name text not null,
  primary key (proposal_id, user_id)
);

-- Each reviewer's scores (1–10) are kept beside the mean on the proposal.
create table participation_review_scores (
  proposal_id uuid not null references participation_proposals (id),
  user_id uuid not null references users (id),
  feasibility smallint not null check (feasibility between 1 and 10),
  benefit smallint not null check (benefit between 1 and 10),
  cost smallint not null check (cost between 1 and 10),
  comment text not null default '',
  scored_at timestamptz not null default now(),
  primary key (proposal_id, user_id)
);

create table participation_milestones (
  id uuid primary key default gen_random_uuid(),
  proposal_id uuid not null references participation_proposals (id),
  seq integer not null,
  title text not null,
  due_on date not null,
  done_at timestamptz,
  unique (proposal_id, seq)
);

create table participation_evaluations (
  proposal_id uuid not null references participation_proposals (id),
  resident_id uuid not null references residents (id),
  satisfied boolean not null,
  comment text not null default '',
  created_at timestamptz not null default now(),
  primary key (proposal_id, resident_id)
);

-- Points per action, set for a street (its communities) or a community (overrides its street's).
create table participation_points_rules (
  org_code text not null,
  org_path text not null,
  action text not null,
  points integer not null check (points between 0 and 1000),
  updated_at timestamptz not null default now(),
  primary key (org_code, action)
);

-- Append-only; one award per resident, action and source, so a retried award adds nothing.
create table participation_points_entries (
  id uuid primary key default gen_random_uuid(),
  resident_id uuid not null references residents (id),
  community_code text not null,
  org_path text not null,
  action text not null,
  points integer not null,
  source_kind text not null,
  source_id text not null,
  note text not null default '',
  created_at timestamptz not null default now(),
  unique (resident_id, action, source_kind, source_id)
);
create index participation_points_entries_path on participation_points_entries (org_path text_pattern_ops, created_at desc);

create function participation_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end;
$$;
create trigger participation_points_entries_no_change before update or delete on participation_points_entries
  for each row execute function participation_append_only();

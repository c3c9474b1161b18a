-- Participation, part two: votes with the legal quorums, consultation meetings with proxies
-- and their consents, participatory budgets, conventions and councils. Floor areas are in
-- hundredths of m² and money in fen (bigint), so quorums and budgets never compare floats.

create table participation_votes (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  community_code text not null,
  title text not null,
  description text not null default '',
  rule text not null,
  basis text not null,
  matter text not null default 'ordinary',
  scope_kind text not null,
  scope_ref text not null,
  scope_name text not null,
  secret boolean not null,
  status text not null default 'draft',
  subject_kind text,
  subject_id uuid,
  electorate_count integer not null default 0,
  electorate_area bigint not null default 0,
  result jsonb,
  opened_at timestamptz,
  closed_at timestamptz,
  published_at timestamptz,
  created_by text,
  version integer not null default 1,
  created_at timestamptz not null default now()
);
create index participation_votes_path on participation_votes (org_path, created_at desc);
create index participation_votes_community on participation_votes (community_code, published_at desc);

-- The electorate, taken from the registry when the vote opens: one row per unit (a person, a
-- household or a house with its area) and who represents it.
create table participation_vote_units (
  id uuid primary key default gen_random_uuid(),
  vote_id uuid not null references participation_votes (id),
  unit_kind text not null,
  unit_ref uuid not null,
  -- The house's or household's grid path: a grid worker collects paper ballots in their grid only.
  org_path text not null,
  label text not null,
  area bigint not null default 0,
  -- The residents who may cast the unit's ballot online (a household's adults, a house's owner).
  voter_ids text[] not null default '{}',
  representative_name text,
  unique (vote_id, unit_ref)
);
-- A resident's units in open votes (voting on /portal).
create index participation_vote_units_voters on participation_vote_units using gin (voter_ids);

-- That a unit voted, and how: one row per unit (the primary key is the one-ballot rule).
create table participation_vote_turnout (
  vote_id uuid not null references participation_votes (id),
  unit_id uuid not null references participation_vote_units (id),
  channel text not null,
  proxy_consent_id uuid,
  at timestamptz not null default now(),
  primary key (vote_id, unit_id)
);

-- The choices. A secret vote's rows carry neither the unit nor the time, so nothing links a
-- choice to the turnout row of who cast it; a named vote's rows name the unit, once.
create table participation_ballots (
  id uuid primary key default gen_random_uuid(),
  vote_id uuid not null references participation_votes (id),
  unit_id uuid references participation_vote_units (id),
  choice text not null,
  area bigint not null default 0,
  cast_at timestamptz
);
create index participation_ballots_vote on participation_ballots (vote_id);
create unique index participation_ballots_named on participation_ballots (vote_id, unit_id) where unit_id is not null;

-- Paper ballots entered by one person and confirmed by another before they count.
create table participation_paper_ballots (
  id uuid primary key default gen_random_uuid(),
  vote_id uuid not null references participation_votes (id),
  unit_id uuid not null references participation_vote_units (id),
  choice text,
  status text not null default 'pending',
  entered_by uuid not null,
  entered_by_name text not null,
  entered_at timestamptz not null default now(),
  confirmed_by uuid,
  confirmed_by_name text,
  confirmed_at timestamptz
);
create unique index participation_paper_ballots_pending on participation_paper_ballots (vote_id, unit_id) where status = 'pending';

-- After a vote closes no ballot or turnout row changes, whatever the code above does.
create function participation_vote_open_only() returns trigger language plpgsql as $$
declare
  vote_status text;
begin
  select status into vote_status from participation_votes where id = coalesce(new.vote_id, old.vote_id);
  if vote_status is distinct from 'open' then
    raise exception 'participation: vote % is %, its ballots cannot change', coalesce(new.vote_id, old.vote_id), vote_status;
  end if;
  return coalesce(new, old);
end $$;
create trigger participation_ballots_open_only before insert or update or delete on participation_ballots
  for each row execute function participation_vote_open_only();
create trigger participation_vote_turnout_open_only before insert or update or delete on participation_vote_turnout
  for each row execute function participation_vote_open_only();

-- Councils (议事会, 村落理事会 with 一长八员) and their members with terms.
create table participation_councils (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  community_code text not null,
  kind text not null,
  name text not null,
  term_start date not null,
  term_end date not null,
  created_at timestamptz not null default now()
);
create index participation_councils_path on participation_councils (org_path);

create table participation_council_members (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references participation_councils (id),
  name text not null,
  role text not null,
  resident_id uuid,
  term_start date not null,
  term_end date not null
);
create index participation_council_members_council on participation_council_members (council_id);

-- Consultation meetings (协商议事).
create table participation_meetings (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  community_code text not null,
  title text not null,
  topic_source text not null,
  topic_ref text,
  class text not null,
  level text not null,
  form text not null,
  council_id uuid references participation_councils (id),
  agenda jsonb not null default '[]',
  place text not null,
  starts_at timestamptz not null,
  status text not null default 'planned',
  minutes text,
  speakers jsonb not null default '[]',
  notified_at timestamptz,
  held_at timestamptz,
  published_at timestamptz,
  created_by text,
  version integer not null default 1,
  created_at timestamptz not null default now()
);
create index participation_meetings_path on participation_meetings (org_path, starts_at desc);
create index participation_meetings_community on participation_meetings (community_code, published_at desc);

-- A proxy's consent: who acts, for whom, for what, since when, and how it was given.
create table participation_proxy_consents (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  principal_resident_id uuid not null,
  principal_name text not null,
  proxy_name text not null,
  proxy_kind text not null,
  proxy_relation text not null,
  scope text not null,
  meeting_id uuid references participation_meetings (id),
  given_on date not null,
  valid_until date,
  given_how text not null,
  recorded_by text,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index participation_proxy_consents_principal on participation_proxy_consents (principal_resident_id);

create table participation_meeting_participants (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references participation_meetings (id),
  kind text not null,
  resident_id uuid,
  name text not null,
  label text not null default '',
  notified_at timestamptz,
  signed_in_at timestamptz,
  signed_in_by text,
  proxy_consent_id uuid references participation_proxy_consents (id),
  unique (meeting_id, resident_id)
);
create index participation_meeting_participants_meeting on participation_meeting_participants (meeting_id);

create table participation_resolutions (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references participation_meetings (id),
  seq integer not null,
  text text not null,
  responsible text not null,
  due_on date,
  status text not null default 'open',
  done_on date,
  done_note text,
  unique (meeting_id, seq)
);

-- Participatory budgets (民生微实事): a yearly amount, projects, one choice per household.
create table participation_budgets (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  community_code text not null,
  year integer not null,
  title text not null,
  amount_fen bigint not null check (amount_fen > 0),
  status text not null default 'collecting',
  decided_at timestamptz,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  unique (community_code, year)
);

create table participation_budget_projects (
  id uuid primary key default gen_random_uuid(),
  budget_id uuid not null references participation_budgets (id),
  title text not null,
  description text not null default '',
  cost_fen bigint not null check (cost_fen > 0),
  feasibility text not null default 'pending',
  review_note text,
  votes integer not null default 0,
  won boolean not null default false,
  progress integer not null default 0 check (progress between 0 and 100),
  spent_fen bigint not null default 0 check (spent_fen >= 0),
  accounts jsonb not null default '[]'
);
create index participation_budget_projects_budget on participation_budget_projects (budget_id);

create table participation_budget_choices (
  budget_id uuid not null references participation_budgets (id),
  household_id uuid not null,
  project_ids jsonb not null,
  total_fen bigint not null,
  chosen_by_resident_id uuid,
  chosen_at timestamptz not null default now(),
  primary key (budget_id, household_id)
);

-- Conventions (居民公约/村规民约) and their versions; one version in force at a time.
create table participation_conventions (
  id uuid primary key default gen_random_uuid(),
  org_path text not null,
  community_code text not null,
  kind text not null,
  title text not null,
  created_at timestamptz not null default now()
);
create index participation_conventions_path on participation_conventions (org_path);

create table participation_convention_versions (
  id uuid primary key default gen_random_uuid(),
  convention_id uuid not null references participation_conventions (id),
  number integer not null,
  text text not null,
  status text not null default 'draft',
  vote_id uuid references participation_votes (id),
  consulted_note text,
  in_force_from date,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  unique (convention_id, number)
);
create unique index participation_convention_in_force on participation_convention_versions (convention_id) where status = 'in_force';

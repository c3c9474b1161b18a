-- Assessment: topics of the month (每月一题), assessment schemes with weighted indicators and
-- their results, the third party's scores, surveys with their sampled invitations and answers.

create table assessment_topics (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  category_code text not null,
  community_code text not null,
  -- The community's org path: who may see the topic.
  org_path text not null,
  lead_unit_code text not null,
  co_unit_codes text[] not null default '{}',
  target text not null,
  target_monthly integer,
  status text not null default 'open' check (status in ('open', 'closed')),
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  closing_note text,
  created_by uuid,
  version integer not null default 1,
  created_at timestamptz not null default now()
);
create index assessment_topics_path on assessment_topics (org_path text_pattern_ops);
-- One open topic per category and community.
create unique index assessment_topics_open on assessment_topics (category_code, community_code) where status = 'open';

create table assessment_topic_tasks (
  id uuid primary key default gen_random_uuid(),
  topic_id uuid not null references assessment_topics (id) on delete cascade,
  title text not null,
  deadline date not null,
  owner_unit_code text,
  status text not null default 'open' check (status in ('open', 'done')),
  note text,
  done_at timestamptz,
  sort integer not null default 0
);
create index assessment_topic_tasks_topic on assessment_topic_tasks (topic_id);

create table assessment_surveys (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  intro text not null default '',
  under_code text not null,
  org_path text not null,
  anonymous boolean not null default false,
  one_per_household boolean not null default true,
  status text not null default 'open' check (status in ('open', 'closed')),
  closes_on date,
  questions jsonb not null,
  created_by uuid,
  created_at timestamptz not null default now()
);
create index assessment_surveys_path on assessment_surveys (org_path text_pattern_ops);

-- A sampled household's invitation: its code opens the questionnaire on /portal.
create table assessment_survey_invitations (
  code text primary key,
  survey_id uuid not null references assessment_surveys (id) on delete cascade,
  household_id uuid not null,
  community_code text not null,
  grid_code text,
  org_path text not null,
  address text not null,
  answered_at timestamptz,
  unique (survey_id, household_id)
);
create index assessment_survey_invitations_survey on assessment_survey_invitations (survey_id, community_code);

-- An answer. Anonymous surveys keep neither the invitation nor the worker, only the community.
create table assessment_survey_responses (
  id uuid primary key default gen_random_uuid(),
  survey_id uuid not null references assessment_surveys (id) on delete cascade,
  invitation_code text,
  community_code text not null,
  org_path text not null,
  via text not null check (via in ('portal', 'worker')),
  worker_id uuid,
  answers jsonb not null,
  answered_at timestamptz not null default now()
);
create index assessment_survey_responses_survey on assessment_survey_responses (survey_id, community_code);

create table assessment_schemes (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  period text not null check (period in ('half_year', 'year')),
  period_start date not null,
  period_end date not null,
  kind text not null check (kind in ('street', 'community', 'department')),
  under_code text not null,
  org_path text not null,
  status text not null default 'draft' check (status in ('draft', 'computed', 'published')),
  computed_at timestamptz,
  published_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now()
);
create index assessment_schemes_path on assessment_schemes (org_path text_pattern_ops);

create table assessment_indicators (
  id uuid primary key default gen_random_uuid(),
  scheme_id uuid not null references assessment_schemes (id) on delete cascade,
  name text not null,
  source text not null check (source in ('data', 'survey', 'evaluator')),
  data_key text,
  survey_id uuid references assessment_surveys (id),
  question_key text,
  weight double precision not null,
  direction text not null check (direction in ('higher_better', 'lower_better')),
  sort integer not null default 0
);
create index assessment_indicators_scheme on assessment_indicators (scheme_id);

-- The third-party evaluator's score of one unit on one indicator, with its evidence.
create table assessment_evaluator_scores (
  indicator_id uuid not null references assessment_indicators (id) on delete cascade,
  org_unit_code text not null,
  score double precision not null check (score >= 0 and score <= 100),
  evidence text not null,
  scored_by uuid,
  scored_by_name text not null,
  scored_at timestamptz not null default now(),
  primary key (indicator_id, org_unit_code)
);

-- A computed result: each unit's rank and total, with its items and the source rows behind each raw value.
create table assessment_results (
  scheme_id uuid not null references assessment_schemes (id) on delete cascade,
  org_unit_code text not null,
  org_unit_name text not null,
  rank integer not null,
  total double precision not null,
  items jsonb not null,
  -- Per indicator id: the rows the raw value came from ({label, value}[]).
  trace jsonb not null,
  primary key (scheme_id, org_unit_code)
);

-- Two-way assessment (下评上): a community's staff rate each department that led the community's
-- cases in a half year, once per department and half year (rating again replaces the score).
-- The mean of a department's ratings is an indicator source of department schemes.
create table assessment_unit_ratings (
  period_start date not null,
  unit_code text not null,
  rater_code text not null,
  -- The rating community's org path: a scheme counts the ratings from under its node.
  rater_path text not null,
  score integer not null check (score between 1 and 5),
  comment text not null default '',
  rated_by uuid,
  rated_by_name text not null,
  rated_at timestamptz not null default now(),
  primary key (period_start, unit_code, rater_code)
);

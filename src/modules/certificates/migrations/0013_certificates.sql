-- Certificates any module issues (a community's 证明事项, a volunteer's 志愿服务证明): the
-- public facts printed on the document, found by the verification code printed beside them.
-- Rows are never deleted; a withdrawn certificate keeps its row with the reason.
create table certificates (
  code text primary key,
  number text not null unique,
  kind text not null,
  title text not null,
  holder text not null,
  facts jsonb not null,
  org_path text not null,
  issuer_name text not null,
  issued_by text,
  issued_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_reason text
);
create index certificates_kind on certificates (kind, org_path);

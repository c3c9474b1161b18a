-- API keys hold machine roles only; changes to the administrators' accounts need two people.

-- The one machine role keys had is now the Open311 client's; a key with a staff role could
-- reveal and export personal data, so it stops working (it is refused at sign-in too).
update api_keys set role = 'open311_client' where role = 'api_client';
update api_keys set revoked_at = now() where revoked_at is null and role not in ('open311_client', 'public_reader');
-- Machine roles are never a person's.
delete from role_grants where role in ('api_client', 'open311_client', 'public_reader');

-- Two-person rule (三权分立): a reset or change of an account holding an administrator's
-- role is requested by one administrator and carried out only when another security
-- administrator approves it.
create table admin_change_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  action text not null check (action in ('reset_password', 'grant_role', 'revoke_role', 'unlock', 'disable', 'enable')),
  details jsonb not null default '{}',
  requested_by uuid not null references users(id),
  requested_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by uuid references users(id),
  decided_at timestamptz
);
create index admin_change_requests_pending on admin_change_requests (requested_at) where status = 'pending';

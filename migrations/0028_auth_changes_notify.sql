-- Sessions and grants are cached for a few seconds in each server process, so that intake and
-- lists do not read them on every request. What must take effect at once (a logout, a session
-- ended or shortened, a password change, a disabled account, a grant given or taken) announces
-- itself on the channel gongzhi_auth, from the database itself, whichever code or process made
-- the change; each process listens and drops what it cached. A notification is delivered only
-- if its transaction commits. Payload: 's:<session id>' or 'u:<user id>'.
-- (Kept with the cases migrations because intake is what needs the cache: one number per helper.)

create or replace function gongzhi_auth_session_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('gongzhi_auth', 's:' || old.id);
  return null;
end $$;

create or replace function gongzhi_auth_user_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform pg_notify('gongzhi_auth', 'u:' || old.user_id::text);
  elsif tg_op = 'INSERT' then
    perform pg_notify('gongzhi_auth', 'u:' || new.user_id::text);
  else
    perform pg_notify('gongzhi_auth', 'u:' || old.user_id::text);
    if new.user_id is distinct from old.user_id then perform pg_notify('gongzhi_auth', 'u:' || new.user_id::text); end if;
  end if;
  return null;
end $$;

create or replace function gongzhi_auth_account_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('gongzhi_auth', 'u:' || old.id::text);
  return null;
end $$;

-- A session ended, or moved back in time (an idle or absolute timeout brought forward); the
-- minute-by-minute touch of last_seen_at moves it forward and stays silent.
create trigger sessions_auth_notify_delete after delete on sessions
  for each row execute function gongzhi_auth_session_changed();
create trigger sessions_auth_notify_update after update on sessions
  for each row when (new.last_seen_at < old.last_seen_at or new.expires_at < old.expires_at or new.user_id <> old.user_id)
  execute function gongzhi_auth_session_changed();

create trigger role_grants_auth_notify after insert or update or delete on role_grants
  for each row execute function gongzhi_auth_user_changed();

-- What a cached actor carries or what refuses a session: name, password, state.
create trigger users_auth_notify_update after update on users
  for each row when (new.disabled is distinct from old.disabled
    or new.password_hash is distinct from old.password_hash
    or new.must_change_password is distinct from old.must_change_password
    or new.username is distinct from old.username
    or new.display_name is distinct from old.display_name)
  execute function gongzhi_auth_account_changed();
create trigger users_auth_notify_delete after delete on users
  for each row execute function gongzhi_auth_account_changed();

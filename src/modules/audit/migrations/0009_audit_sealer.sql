-- The audit log's chain is sealed after the fact: writers only insert (no lock, no hash);
-- a sealer gives committed entries their place in the chain (seq) and a keyed hash
-- (HMAC-SHA256 under a key kept outside the database) in batches under one lock.
alter table audit_log add column seq bigint;
alter table audit_log alter column prev_hash drop not null;
alter table audit_log alter column hash drop not null;

-- Entries chained with the old public formula (sha256 without a key) are sealed again with
-- the key: a database owner could have rewritten them unnoticed, so they prove nothing.
alter table audit_log disable trigger audit_log_no_change;
update audit_log set prev_hash = null, hash = null;
alter table audit_log enable trigger audit_log_no_change;

create unique index audit_log_seq on audit_log (seq);
-- The sealer's work list: unsealed entries in id order.
create index audit_log_unsealed on audit_log (id) where seq is null;

-- Still append-only: the one change allowed is sealing an unsealed entry, once, with its
-- content unchanged.
create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.seq is null and old.hash is null and new.seq is not null and new.hash is not null
     and new.id = old.id and new.at = old.at
     and new.actor_id is not distinct from old.actor_id and new.actor_name is not distinct from old.actor_name
     and new.ip is not distinct from old.ip and new.request_id is not distinct from old.request_id
     and new.action = old.action and new.target_type is not distinct from old.target_type
     and new.target_id is not distinct from old.target_id and new.org_path is not distinct from old.org_path
     and new.result = old.result and new.details = old.details then
    return new;
  end if;
  raise exception 'audit_log is append-only';
end
$$;

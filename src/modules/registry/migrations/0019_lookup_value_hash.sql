-- The look-up limit counts each value once per window: a hotline call that looks the same
-- phone up twice costs one look-up. value_hash is a keyed hash (HMAC with the platform's key,
-- domain-separated from the residents' blind index), never the value; rows written before
-- this migration have none and count once each.
alter table identifier_lookups add column value_hash text;
create index identifier_lookups_account_value on identifier_lookups (account, value_hash, at);

-- Outbound channels: one delivery record per message, from queued to sent, failed or capped,
-- with its attempts, the provider's message id and a keyed hash of the recipient (the
-- daily cap per phone counts by it; the recipient itself stays masked).
alter table notification_deliveries rename column template to kind;
alter table notification_deliveries rename column error to last_error;
alter table notification_deliveries drop constraint notification_deliveries_status_check;
alter table notification_deliveries
  add column provider text not null default 'log',
  add column recipient_hash text,
  add column attempts integer not null default 0,
  add column provider_message_id text,
  add column sent_at timestamptz,
  add column updated_at timestamptz not null default now(),
  add constraint notification_deliveries_status_check check (status in ('queued', 'retrying', 'sent', 'failed', 'capped'));

-- The console's list, newest first, by status.
create index notification_deliveries_status on notification_deliveries (status, id desc);
-- The daily cap: SMS sent to one recipient since the start of the day.
create index notification_deliveries_cap on notification_deliveries (recipient_hash, sent_at) where status = 'sent';

-- Open311 as FixMyStreet-class clients use it.
-- A sensitive category (vulnerable people, security) is never published, whatever the
-- privacy of its cases: the Open311 GET answers skip it.
alter table case_categories add column sensitive boolean not null default false;
-- The shipped ones: elderly living alone, hardship aid, jobs aid, suspicious persons, crime leads.
update case_categories set sensitive = true, updated_at = now() where code in ('0901', '0902', '0903', '0201', '0202');

-- What an Open311 client sends besides the case's own fields: the reporter's email
-- (encrypted like the phone), the client's address id and zipcode, every media_url.
alter table cases add column reporter_email text;
alter table cases add column address_id text;
alter table cases add column zipcode text;
alter table cases add column media_urls text[] not null default '{}';
update cases set media_urls = array[media_url] where media_url is not null;

-- servicerequestupdates GET by date range: the timeline in time order.
create index case_timeline_at on case_timeline (at, id);

-- The command centre hears of the timeline's changes at once: every statement that writes to the
-- timeline sends a NOTIFY, delivered when its transaction commits (identical notifications of a
-- transaction fold into one; one call per statement, so bulk loads pay nothing per row). The
-- wall's stream flushes on it and today's kept counts are dropped; the stream still polls slowly
-- in case a notification is missed.
create function command_notify_timeline() returns trigger language plpgsql as $$
begin
  perform pg_notify('command_timeline', '');
  return null;
end
$$;

create trigger command_notify_timeline after insert on case_timeline
  for each statement execute function command_notify_timeline();

-- Indexes that let a counter find its next client without sorting the whole queue: one per rank
-- of the call policy (transferred here, oldest arrivals, appointments due, priority), each over
-- clients in the building who are waiting; and one for remote clients still to be told.
create index visits_call_oldest_idx on visits (service_point_id, arrived_at) where state = 'waiting' and checked_in_at is not null;
create index visits_call_priority_idx on visits (service_point_id, arrived_at) where state = 'waiting' and checked_in_at is not null and priority;
create index visits_call_appointment_idx on visits (service_point_id, appointment_at) where state = 'waiting' and checked_in_at is not null and appointment_at is not null;
create index visits_call_transferred_idx on visits (counter_id, arrived_at) where state = 'waiting' and counter_id is not null;
create index visits_unnotified_idx on visits (service_point_id) where state = 'waiting' and notified_at is null and contact <> '{}'::jsonb;

-- A visit's history is its audit trail (who, when, what, from which state): append-only, like
-- audit_log, so that visit transitions need not be written twice.
create function visit_events_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'visit_events is append-only: % is not allowed', tg_op using errcode = '42501';
end;
$$;
create trigger visit_events_no_update before update or delete on visit_events
  for each row execute function visit_events_are_append_only();
create trigger visit_events_no_truncate before truncate on visit_events
  for each statement execute function visit_events_are_append_only();

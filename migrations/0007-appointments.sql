-- Appointments: per-site booking rules, per-service slot lengths, blackout days, the bookings
-- themselves and their append-only history.

create table appointment_site_settings (
  service_point_id uuid primary key references service_points (id) on delete cascade,
  -- Counters set aside for appointments: how many clients can be booked at the same time.
  counters integer not null check (counters between 1 and 200),
  -- Booking opens this long before a slot (minutes) and this many days ahead.
  lead_minutes integer not null default 120 check (lead_minutes between 0 and 10080),
  horizon_days integer not null default 30 check (horizon_days between 1 and 180),
  -- A booked client who has not checked in this many minutes after the start is a no-show.
  grace_minutes integer not null default 15 check (grace_minutes between 0 and 240),
  updated_at timestamptz not null default now()
);

-- A site's own rule for a service; without a row, the catalogue's defaults apply.
create table appointment_services (
  service_point_id uuid not null references service_points (id) on delete cascade,
  service_code text not null references services (code),
  bookable boolean not null,
  slot_minutes integer not null check (slot_minutes between 5 and 240),
  primary key (service_point_id, service_code)
);

create table appointment_blackouts (
  service_point_id uuid not null references service_points (id) on delete cascade,
  day date not null,
  reason text not null,
  primary key (service_point_id, day)
);

create table appointments (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  service_point_id uuid not null references service_points (id),
  service_code text not null references services (code),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  language text not null check (language in ('en', 'fr')),
  email text not null,
  phone text,
  state text not null check (state in ('booked', 'cancelled', 'checked_in', 'no_show')),
  visit_id uuid references visits (id),
  -- Bumped on every change, so calendar apps replace the event (iCalendar SEQUENCE).
  sequence integer not null default 0,
  reminder_sent_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index appointments_site_time_idx on appointments (service_point_id, starts_at) where state in ('booked', 'checked_in');
create index appointments_due_idx on appointments (starts_at) where state = 'booked';

create table appointment_events (
  id bigint generated always as identity primary key,
  appointment_id uuid not null references appointments (id),
  occurred_at timestamptz not null,
  type text not null,
  actor text not null,
  details jsonb not null default '{}'
);
create index appointment_events_appointment_idx on appointment_events (appointment_id, id);

create function appointment_events_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'appointment_events is append-only: % is not allowed', tg_op using errcode = '42501';
end;
$$;
create trigger appointment_events_no_update before update or delete on appointment_events
  for each row execute function appointment_events_are_append_only();
create trigger appointment_events_no_truncate before truncate on appointment_events
  for each statement execute function appointment_events_are_append_only();

-- Scheduled outreach: when a mobile outreach site is staffed, as recurrence rules (RFC 5545
-- RRULE, e.g. every second Tuesday), with its host community; and days a site is closed
-- although its hours or rules say open (an exception to the weekly hours).

create table outreach_schedules (
  id uuid primary key default gen_random_uuid(),
  service_point_id uuid not null references service_points (id) on delete cascade,
  rule text not null,
  starts_on date not null,
  ends_on date,
  opens_at time not null,
  closes_at time not null,
  host_community text not null,
  created_at timestamptz not null default now(),
  check (closes_at > opens_at),
  check (ends_on is null or ends_on >= starts_on)
);
create index outreach_schedules_point_idx on outreach_schedules (service_point_id);

create table service_point_closures (
  service_point_id uuid not null references service_points (id) on delete cascade,
  day date not null,
  reason text not null,
  primary key (service_point_id, day)
);

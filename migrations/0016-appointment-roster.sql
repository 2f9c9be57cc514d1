-- The weekly roster of staff serving appointments at a site: windows of local time and how many
-- agents serve appointments in each. A slot's capacity is the smaller of the counters set aside
-- and the staff rostered for the whole slot. A site without any window keeps the counters alone.
create table appointment_roster (
  service_point_id uuid not null references service_points (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7),
  starts_at text not null check (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ends_at text not null check (ends_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$'),
  staff smallint not null check (staff between 1 and 500),
  primary key (service_point_id, weekday, starts_at),
  check (starts_at < ends_at)
);

-- In-person visits: per-site queue settings, counters, visits and their history of transitions,
-- short tickets numbered per site and day, idempotent calls, feedback, and a daily history.

-- How a site runs its queue. A site without a row uses the defaults.
create table visit_site_settings (
  service_point_id uuid primary key references service_points (id) on delete cascade,
  -- What happens to tickets still open when the site's day ends: closed with a reason, or kept.
  rollover_policy text not null default 'close' check (rollover_policy in ('close', 'carry_over')),
  -- The site's promise: a client should be called within this many minutes.
  wait_target_minutes integer not null default 20 check (wait_target_minutes between 1 and 600),
  -- Nobody waits longer than this while later arrivals are called ahead of them.
  max_pass_over_minutes integer not null default 45 check (max_pass_over_minutes between 5 and 600),
  -- Remote clients are told when this many clients remain ahead of them.
  notify_when_ahead integer not null default 3 check (notify_when_ahead between 0 and 50),
  -- The last local day whose open tickets were rolled over.
  last_rollover_day date,
  updated_at timestamptz not null default now()
);

-- A counter opened by an agent for a set of services; closing it keeps the row.
create table visit_counters (
  id uuid primary key default gen_random_uuid(),
  service_point_id uuid not null references service_points (id) on delete cascade,
  name text not null,
  opened_by text not null,
  opened_at timestamptz not null,
  closed_at timestamptz
);
create index visit_counters_open_idx on visit_counters (service_point_id) where closed_at is null;

create table visit_counter_services (
  counter_id uuid not null references visit_counters (id) on delete cascade,
  service_code text not null references services (code),
  primary key (counter_id, service_code)
);

-- One number sequence per site, day and ticket prefix, bumped atomically by an upsert.
create table visit_ticket_sequences (
  service_point_id uuid not null references service_points (id) on delete cascade,
  service_day date not null,
  prefix text not null,
  last_number integer not null,
  primary key (service_point_id, service_day, prefix)
);

-- A visit is a state machine; its current state is cached here, every transition is appended
-- to visit_events. arrived_at never changes: a transferred client keeps their place in time.
create table visits (
  id uuid primary key default gen_random_uuid(),
  service_point_id uuid not null references service_points (id),
  service_day date not null,
  ticket text not null,
  service_code text not null references services (code),
  channel text not null check (channel in ('walk_in', 'remote', 'appointment')),
  language text not null check (language in ('en', 'fr')),
  needs jsonb not null default '[]',
  destination text not null check (destination in ('counter', 'self_service', 'priority')),
  priority boolean not null default false,
  state text not null check (state in ('waiting', 'called', 'on_hold', 'completed', 'no_show', 'left', 'closed')),
  arrived_at timestamptz not null,
  checked_in_at timestamptz,
  appointment_at timestamptz,
  running_late boolean not null default false,
  counter_id uuid references visit_counters (id),
  -- The first call ends the wait that estimates are judged against; called_at is the latest.
  first_called_at timestamptz,
  called_at timestamptz,
  call_count integer not null default 0,
  completed_at timestamptz,
  outcome_code text,
  estimate_min_minutes integer,
  estimate_max_minutes integer,
  public_token text not null unique,
  contact jsonb not null default '{}',
  notified_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (service_point_id, service_day, ticket)
);
create index visits_waiting_idx on visits (service_point_id, service_code, arrived_at) where state = 'waiting';
create index visits_site_day_idx on visits (service_point_id, service_day);
create index visits_counter_idx on visits (counter_id) where state = 'called';

create table visit_events (
  id bigint generated always as identity primary key,
  visit_id uuid not null references visits (id),
  occurred_at timestamptz not null,
  type text not null,
  counter_id uuid,
  actor text not null,
  details jsonb not null default '{}'
);
create index visit_events_visit_idx on visit_events (visit_id, id);

-- A repeated request with the same Idempotency-Key gets the first answer again.
create table idempotency_keys (
  scope text not null,
  key text not null,
  response jsonb not null,
  created_at timestamptz not null,
  primary key (scope, key)
);

create table visit_feedback (
  visit_id uuid primary key references visits (id),
  rating smallint not null check (rating between 1 and 5),
  comment text,
  language text not null check (language in ('en', 'fr')),
  submitted_at timestamptz not null
);

-- A year of history per site and day (the demo loads it; a nightly job would append to it).
create table visit_daily_stats (
  service_point_id uuid not null references service_points (id) on delete cascade,
  service_day date not null,
  arrivals integer not null,
  served integer not null,
  abandoned integer not null,
  served_within_target integer not null,
  mean_wait_minutes double precision not null,
  p90_wait_minutes double precision not null,
  mean_service_minutes double precision not null,
  primary key (service_point_id, service_day)
);

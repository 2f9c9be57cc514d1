-- The contact centre (issue 5): lines of business, agents and their skills, calls and callbacks in
-- one queue ordered by each caller's original time, email and web inquiries, and daily aggregates.

create table contact_lines (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_en text not null,
  name_fr text not null,
  time_zone text not null default 'America/Toronto',
  -- Weekly hours in the line's zone: [{ "weekday": 1..7, "opens": "HH:MM", "closes": "HH:MM" }];
  -- null means always open (crisis lines).
  hours jsonb,
  languages text[] not null default '{en,fr}',
  -- Higher first: an agent on several lines serves the most urgent line's earliest caller.
  priority integer not null default 0,
  -- Holidays of this province are not business days for the inquiry standard.
  province_code text not null default 'ON',
  inquiry_due_days integer not null default 3 check (inquiry_due_days between 1 and 30),
  service_level_seconds integer not null default 600,
  callback_attempts integer not null default 3 check (callback_attempts between 1 and 10),
  callback_retry_seconds integer not null default 300,
  created_at timestamptz not null default now()
);

create table contact_agents (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  languages text[] not null,
  state text not null default 'offline' check (state in ('offline', 'available', 'on_call', 'wrap_up', 'break')),
  state_since timestamptz not null default now(),
  current_call_id uuid,
  created_at timestamptz not null default now()
);

create table contact_agent_lines (
  agent_id uuid not null references contact_agents (id) on delete cascade,
  line_id uuid not null references contact_lines (id) on delete cascade,
  primary key (agent_id, line_id)
);
create index contact_agent_lines_line_idx on contact_agent_lines (line_id);

-- A call from arrival to its end. A callback is the same row: it keeps `queue_time`, the
-- moment the caller entered the queue, so it is served exactly when they would have been.
create table contact_calls (
  id uuid primary key default gen_random_uuid(),
  line_id uuid not null references contact_lines (id),
  from_number text not null,
  language text not null check (language in ('en', 'fr')),
  kind text not null default 'call' check (kind in ('call', 'callback')),
  state text not null check (state in ('arrived', 'waiting', 'callback', 'dialling', 'connected', 'completed', 'abandoned', 'self_service', 'unreachable')),
  arrived_at timestamptz not null,
  queue_time timestamptz,
  -- A callback is not served before this (a retry's delay, a scheduled window's start).
  eligible_at timestamptz,
  callback_number text,
  window_end timestamptz,
  attempts integer not null default 0,
  agent_id uuid references contact_agents (id),
  answered_at timestamptz,
  connected_at timestamptz,
  ended_at timestamptz,
  outcome_code text,
  resolved boolean,
  transferred_from_line_id uuid references contact_lines (id),
  estimate_seconds integer,
  estimate_asterisk_seconds integer,
  estimate_genesys_seconds integer,
  wait_seconds integer,
  updated_at timestamptz not null
);
create index contact_calls_queue_idx on contact_calls (line_id, queue_time, id) where state in ('waiting', 'callback');
create index contact_calls_line_arrived_idx on contact_calls (line_id, arrived_at);
create index contact_calls_answered_idx on contact_calls (line_id, answered_at) where answered_at is not null;
create index contact_calls_agent_idx on contact_calls (agent_id) where state in ('dialling', 'connected');

create table contact_call_events (
  id bigint generated always as identity primary key,
  call_id uuid not null references contact_calls (id),
  occurred_at timestamptz not null,
  type text not null,
  agent_id uuid,
  actor text not null,
  details jsonb not null default '{}'
);
create index contact_call_events_call_idx on contact_call_events (call_id, id);

create function contact_call_events_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'contact_call_events is append-only: % is not allowed', tg_op using errcode = '42501';
end;
$$;
create trigger contact_call_events_no_update before update or delete on contact_call_events
  for each row execute function contact_call_events_are_append_only();
create trigger contact_call_events_no_truncate before truncate on contact_call_events
  for each statement execute function contact_call_events_are_append_only();

-- Email and web inquiries, each due a number of business days after receipt.
create table contact_inquiries (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  line_id uuid not null references contact_lines (id),
  channel text not null check (channel in ('web', 'email')),
  language text not null check (language in ('en', 'fr')),
  name text not null,
  email text not null,
  subject text not null,
  body text not null,
  received_at timestamptz not null,
  due_on date not null,
  state text not null default 'open' check (state in ('open', 'answered')),
  answered_at timestamptz,
  answered_by text,
  reply_template text,
  reply_text text
);
create index contact_inquiries_open_idx on contact_inquiries (due_on, received_at) where state = 'open';
create index contact_inquiries_received_idx on contact_inquiries (received_at);

-- The history per line and day (the demo loads a year; live days are read from the calls).
create table contact_daily_stats (
  line_id uuid not null references contact_lines (id) on delete cascade,
  day date not null,
  offered integer not null,
  answered integer not null,
  abandoned integer not null,
  answered_within_target integer not null,
  callbacks_requested integer not null,
  self_service integer not null,
  inquiries integer not null,
  inquiries_within_standard integer not null,
  mean_wait_seconds double precision not null,
  mean_handle_seconds double precision not null,
  primary key (line_id, day)
);

-- Take next as one function (PL/pgSQL keeps its plans per connection, as visit_claim_next does):
-- lock the agent if available; among the waiting calls and due callbacks on the agent's lines in
-- a language the agent speaks, take the one of the most urgent line with the earliest original
-- time in queue, skipping rows another agent is claiming. First a short list (each line's first
-- p_candidates through the queue index, so no sort of the whole queue); if every one of those is
-- being taken by someone else, the whole queue. Then the claim, the agent and the event row.
create function contact_claim_next(p_agent uuid, p_now timestamptz, p_actor text, p_candidates integer)
returns setof contact_calls language plpgsql as $$
declare
  v_languages text[];
  v_id uuid;
  v_call contact_calls;
begin
  select a.languages into v_languages from contact_agents a where a.id = p_agent and a.state = 'available' for update;
  if not found then return; end if;
  select c.id into v_id from contact_calls c join contact_lines l on l.id = c.line_id
   where c.id in (
     select q.id from contact_agent_lines al cross join lateral (
       select x.id from contact_calls x
        where x.line_id = al.line_id and x.state in ('waiting', 'callback')
          and (x.eligible_at is null or x.eligible_at <= p_now) and x.language = any(v_languages)
        order by x.queue_time, x.id limit p_candidates) q
     where al.agent_id = p_agent)
     and c.state in ('waiting', 'callback') and (c.eligible_at is null or c.eligible_at <= p_now)
   order by l.priority desc, c.queue_time, c.id
   limit 1 for update of c skip locked;
  if v_id is null then
    select c.id into v_id from contact_calls c
      join contact_agent_lines al on al.line_id = c.line_id and al.agent_id = p_agent
      join contact_lines l on l.id = c.line_id
     where c.state in ('waiting', 'callback') and (c.eligible_at is null or c.eligible_at <= p_now) and c.language = any(v_languages)
     order by l.priority desc, c.queue_time, c.id
     limit 1 for update of c skip locked;
  end if;
  if v_id is null then return; end if;
  update contact_calls c set
    state = case when c.state = 'callback' then 'dialling' else 'connected' end,
    agent_id = p_agent,
    attempts = c.attempts + case when c.state = 'callback' then 1 else 0 end,
    answered_at = coalesce(c.answered_at, p_now),
    wait_seconds = coalesce(c.wait_seconds, round(extract(epoch from (p_now - c.queue_time)))::integer),
    connected_at = case when c.state = 'callback' then c.connected_at else p_now end,
    updated_at = p_now
  where c.id = v_id
  returning * into v_call;
  update contact_agents set state = 'on_call', state_since = p_now, current_call_id = v_id where id = p_agent;
  insert into contact_call_events (call_id, occurred_at, type, agent_id, actor, details)
  values (v_id, p_now, case when v_call.state = 'dialling' then 'callback_dialled' else 'answered' end, p_agent, p_actor, '{}'::jsonb);
  return next v_call;
end;
$$;

-- Operations insights: the known events an analyst records (a work stoppage, a campaign, a
-- closure). The forecast gives each past event its own dummy, so it does not bend the
-- seasonality, and applies the stated effect to the days of a future one.

create table insights_events (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  starts_on date not null,
  ends_on date not null,
  -- null: every province.
  province_code text references provinces (code),
  -- null: every channel; otherwise one of the dashboards' channels.
  channel text check (channel in ('in_person', 'echannels', 'online', 'esin', 'phone_calls', 'phone_requests')),
  -- The analyst's expected change of demand on those days, in percent (-100 = closed).
  effect_percent double precision not null check (effect_percent between -100 and 1000),
  created_by text not null,
  created_at timestamptz not null default now(),
  check (ends_on >= starts_on and ends_on - starts_on <= 366)
);

create index insights_events_days on insights_events (starts_on, ends_on);

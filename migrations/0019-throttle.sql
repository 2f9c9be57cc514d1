-- Guessing throttles shared by every server process (src/platform/throttle). Nothing here holds a
-- raw address, application number or email: `subject` and `address` are keyed hashes (HMAC-SHA-256
-- under the `throttle_key` setting). Every row carries its own expiry and is pruned by any process.

-- Failures of one subject (an application number, an account) from one address, and of one address
-- across subjects (subject = ''). `previous_failure_at` is the failure before the latest, which the
-- back-off is measured from when an attempt is counted before it is checked.
create table throttle_entries (
  scope text not null check (scope in ('status', 'sign_in')),
  subject text not null,
  address text not null,
  failures integer not null check (failures >= 0),
  last_failure_at timestamptz not null,
  previous_failure_at timestamptz,
  expires_at timestamptz not null,
  primary key (scope, subject, address)
);
create index throttle_entries_expiry on throttle_entries (expires_at);

-- Failures of a scope as a whole, per window, for the anomaly alert.
create table throttle_totals (
  scope text not null,
  window_start timestamptz not null,
  failures integer not null,
  primary key (scope, window_start)
);

-- One alert per subject (or '*' for the whole scope) and window: whichever process claims the row
-- raises it.
create table throttle_alerts (
  scope text not null,
  subject text not null,
  window_start timestamptz not null,
  raised_at timestamptz not null,
  primary key (scope, subject, window_start)
);

-- Replaced by the tables above: look-up windows per key, and the lock on a whole staff account.
drop table status_lookup_windows;
alter table staff_users drop column failed_attempts, drop column locked_until;

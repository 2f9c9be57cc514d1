-- Platform: settings, staff accounts, sessions, API tokens and the append-only audit log.

create table platform_settings (
  key text primary key,
  value text not null,
  updated_at timestamptz not null default now()
);

create table staff_users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  display_name text not null,
  role text not null check (role in ('reception', 'agent', 'supervisor', 'qa_reviewer', 'analyst', 'admin', 'partner')),
  password_hash text not null,
  preferred_language text not null default 'en' check (preferred_language in ('en', 'fr')),
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index staff_users_email_key on staff_users (lower(email));

-- The browser holds a random token; only its SHA-256 is stored, so a copy of the table opens nothing.
create table staff_sessions (
  token_hash text primary key,
  user_id uuid not null references staff_users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index staff_sessions_user_idx on staff_sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  role text not null check (role in ('reception', 'agent', 'supervisor', 'qa_reviewer', 'analyst', 'admin', 'partner')),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_type text not null check (actor_type in ('user', 'token', 'public', 'system')),
  actor_id text,
  action text not null,
  entity_type text,
  entity_id text,
  ip text,
  request_id text,
  details jsonb not null default '{}'::jsonb
);
create index audit_log_entity_idx on audit_log (entity_type, entity_id, occurred_at);
create index audit_log_occurred_idx on audit_log (occurred_at);

-- History is appended, never rewritten: the database itself refuses to change or remove audit rows.
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = '42501';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();

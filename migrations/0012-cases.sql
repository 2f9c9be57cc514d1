-- Applications (cases): programmes, application types with their stages and per-channel service
-- standard, the applications themselves, their append-only history, document requests, MP and
-- Senator offices' delegated access (consents, inquiries) and the status look-up throttle.

create table programmes (
  code text primary key check (code ~ '^[a-z_]{2,30}$'),
  name_en text not null,
  name_fr text not null,
  -- The department whose service standard applies ('ESDC' for passport and SIN, 'IRCC').
  department text not null check (department in ('ESDC', 'IRCC'))
);

create table application_types (
  code text primary key check (code ~ '^[a-z_]{2,40}$'),
  programme_code text not null references programmes (code),
  name_en text not null,
  name_fr text not null,
  -- The letter that starts its application numbers (P123456789).
  number_prefix text not null check (number_prefix ~ '^[A-Z]$'),
  position integer not null
);

-- The service standard of a type by channel: business days in the processing province from
-- the day received to the stage that completes the service, and the share expected within it.
create table application_type_channels (
  type_code text not null references application_types (code),
  channel text not null check (channel in ('in_person', 'mail', 'online')),
  standard_business_days integer not null check (standard_business_days between 1 and 1000),
  target_percent integer not null check (target_percent between 1 and 100),
  primary key (type_code, channel)
);

create table application_stages (
  type_code text not null references application_types (code),
  code text not null check (code ~ '^[a-z_]{2,40}$'),
  position integer not null,
  name_en text not null,
  name_fr text not null,
  -- How long files usually stay at this stage (business days), for the client's journey.
  expected_business_days integer not null check (expected_business_days between 0 and 500),
  -- Only on this channel's path (null: every channel): mailed vs ready for pick-up.
  channel text check (channel in ('in_person', 'mail', 'online')),
  -- Reaching it delivers the service: the standard's clock stops.
  completes boolean not null default false,
  next_codes text[] not null default '{}',
  primary key (type_code, code)
);

create table partner_offices (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('mp', 'senator')),
  name_en text not null,
  name_fr text not null,
  created_at timestamptz not null default now()
);

-- Which partner accounts work for which office.
create table partner_office_members (
  office_id uuid not null references partner_offices (id),
  user_id uuid not null references staff_users (id),
  primary key (office_id, user_id)
);
create unique index partner_office_members_user_idx on partner_office_members (user_id);

create table applications (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  type_code text not null references application_types (code),
  programme_code text not null references programmes (code),
  channel text not null check (channel in ('in_person', 'mail', 'online')),
  site_id uuid references service_points (id),
  -- Business days are counted in this province's calendar.
  province_code text not null,
  surname text not null,
  given_names text not null,
  date_of_birth date not null,
  language text not null check (language in ('en', 'fr')),
  stage_code text not null,
  state text not null check (state in ('open', 'completed', 'closed')),
  received_at timestamptz not null,
  expected_by date not null,
  completed_at timestamptz,
  completed_day date,
  within_standard boolean,
  decision text check (decision in ('approved', 'refused')),
  decision_note text,
  decided_at timestamptz,
  assigned_site_id uuid references service_points (id),
  assigned_agent_id uuid references staff_users (id),
  -- Opt-in notices of each change, to this address in the file's language.
  notice_email text,
  updated_at timestamptz not null,
  foreign key (type_code, stage_code) references application_stages (type_code, code)
);
create index applications_open_idx on applications (received_at) where state = 'open';
create index applications_completed_idx on applications (completed_day, programme_code);
create index applications_agent_idx on applications (assigned_agent_id) where state = 'open';

create table application_events (
  id bigint generated always as identity primary key,
  application_id uuid not null references applications (id),
  occurred_at timestamptz not null,
  -- received, stage, document_requested, document_received, decision, assigned, consent, inquiry, letter
  type text not null,
  from_stage text,
  to_stage text,
  reason text,
  actor text not null,
  -- Shown to the client on the tracker (staff-only events are not).
  public boolean not null default true,
  details jsonb not null default '{}'
);
create index application_events_application_idx on application_events (application_id, id);

create function application_events_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'application_events is append-only: % is not allowed', tg_op using errcode = '42501';
end;
$$;
create trigger application_events_no_update before update or delete on application_events
  for each row execute function application_events_are_append_only();
create trigger application_events_no_truncate before truncate on application_events
  for each statement execute function application_events_are_append_only();

create table document_requests (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references applications (id),
  kind text not null check (kind in ('photo', 'proof_of_citizenship', 'identity', 'guarantor', 'fee', 'biometrics', 'other')),
  note text not null default '',
  due_day date not null,
  requested_at timestamptz not null,
  received_at timestamptz
);
create index document_requests_application_idx on document_requests (application_id);

create table delegation_consents (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references applications (id),
  office_id uuid not null references partner_offices (id),
  granted_on date not null,
  expires_on date not null check (expires_on >= granted_on),
  revoked_at timestamptz,
  recorded_by text not null,
  created_at timestamptz not null
);
create index delegation_consents_office_idx on delegation_consents (office_id, expires_on);

create table partner_inquiries (
  id uuid primary key default gen_random_uuid(),
  office_id uuid not null references partner_offices (id),
  application_id uuid not null references applications (id),
  urgent boolean not null,
  question text not null,
  asked_by uuid not null references staff_users (id),
  asked_at timestamptz not null,
  due_at timestamptz not null,
  answer text,
  answered_at timestamptz,
  answered_by uuid references staff_users (id)
);
create index partner_inquiries_open_idx on partner_inquiries (due_at) where answered_at is null;

-- Status look-ups per key (an address or an application number) per fixed window.
create table status_lookup_windows (
  key text not null,
  window_start timestamptz not null,
  count integer not null,
  primary key (key, window_start)
);

insert into programmes (code, name_en, name_fr, department) values
  ('passport', 'Passport', 'Passeport', 'ESDC'),
  ('sin', 'Social Insurance Number', 'Numéro d’assurance sociale', 'ESDC'),
  ('citizenship', 'Citizenship', 'Citoyenneté', 'IRCC'),
  ('immigration', 'Immigration', 'Immigration', 'IRCC');

insert into application_types (code, programme_code, name_en, name_fr, number_prefix, position) values
  ('passport_regular', 'passport', 'Adult passport (regular service)', 'Passeport pour adulte (service régulier)', 'P', 1),
  ('passport_express', 'passport', 'Passport (express service)', 'Passeport (service express)', 'X', 2),
  ('passport_urgent', 'passport', 'Passport (urgent service)', 'Passeport (service urgent)', 'U', 3),
  ('sin_first', 'sin', 'Social Insurance Number', 'Numéro d’assurance sociale', 'S', 4),
  ('citizenship_grant', 'citizenship', 'Canadian citizenship (grant)', 'Citoyenneté canadienne (attribution)', 'C', 5),
  ('citizenship_proof', 'citizenship', 'Citizenship certificate (proof)', 'Certificat de citoyenneté (preuve)', 'K', 6),
  ('work_permit', 'immigration', 'Work permit', 'Permis de travail', 'W', 7);

insert into application_type_channels (type_code, channel, standard_business_days, target_percent) values
  ('passport_regular', 'in_person', 10, 90),
  ('passport_regular', 'mail', 20, 90),
  ('passport_express', 'in_person', 9, 90),
  ('passport_urgent', 'in_person', 1, 90),
  ('sin_first', 'in_person', 1, 90),
  ('sin_first', 'online', 5, 90),
  ('sin_first', 'mail', 20, 90),
  ('citizenship_grant', 'online', 250, 80),
  ('citizenship_proof', 'online', 100, 80),
  ('citizenship_proof', 'mail', 100, 80),
  ('work_permit', 'online', 42, 80);

insert into application_stages (type_code, code, position, name_en, name_fr, expected_business_days, channel, completes, next_codes)
select t.code, s.code, s.position, s.name_en, s.name_fr, s.days, s.channel, s.completes, s.next_codes
from application_types t
cross join (values
  (1, 'received', 'Application received', 'Demande reçue', 1, null, false, array['review']),
  (2, 'review', 'Review of the application', 'Examen de la demande', 3, null, false, array['printing']),
  (3, 'printing', 'Passport printing', 'Impression du passeport', 4, null, false, array['mailed', 'ready_for_pickup']),
  (4, 'mailed', 'Passport mailed', 'Passeport posté', 0, 'mail', true, array[]::text[]),
  (5, 'ready_for_pickup', 'Ready for pick-up', 'Prêt à être récupéré', 0, 'in_person', true, array['picked_up']),
  (6, 'picked_up', 'Picked up', 'Récupéré', 0, 'in_person', false, array[]::text[])
) as s (position, code, name_en, name_fr, days, channel, completes, next_codes)
where t.programme_code = 'passport';

insert into application_stages (type_code, code, position, name_en, name_fr, expected_business_days, channel, completes, next_codes) values
  ('sin_first', 'received', 1, 'Application received', 'Demande reçue', 1, null, false, array['identity_check']),
  ('sin_first', 'identity_check', 2, 'Identity documents checked', 'Vérification des documents d’identité', 2, null, false, array['issued']),
  ('sin_first', 'issued', 3, 'Number issued', 'Numéro attribué', 0, null, true, array[]::text[]);

insert into application_stages (type_code, code, position, name_en, name_fr, expected_business_days, channel, completes, next_codes)
select t.code, s.code, s.position, s.name_en, s.name_fr, s.days, null, s.completes, s.next_codes
from application_types t
cross join (values
  (1, 'received', 'Application received', 'Demande reçue', 5, false, array['eligibility']),
  (2, 'eligibility', 'Eligibility review', 'Examen de l’admissibilité', 20, false, array['biometrics', 'background_check']),
  (3, 'biometrics', 'Biometrics', 'Données biométriques', 10, false, array['background_check']),
  (4, 'background_check', 'Background check', 'Vérification des antécédents', 20, false, array['decision']),
  (5, 'decision', 'Decision made', 'Décision rendue', 0, true, array[]::text[])
) as s (position, code, name_en, name_fr, days, completes, next_codes)
where t.programme_code in ('citizenship', 'immigration');

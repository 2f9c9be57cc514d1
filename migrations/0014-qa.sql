-- Quality assurance: the sampling plan per programme, the keys of the sampling rule, the frame of
-- files that reached the sampling stage (drawn or not), reviews with their checklist results,
-- findings and feedback to the agent, and in-person service quality observations.

-- Where a programme draws its files (the stage), and whether it samples at all.
create table qa_plans (
  programme text primary key,
  stage text not null,
  active boolean not null default true,
  updated_at timestamptz not null default now()
);

-- The sampling rate from a fiscal quarter on ('2025-Q1' = April–June 2025, fiscal year 2025–26),
-- until a later row for the same programme. A quarter before the first row samples nothing.
create table qa_rates (
  programme text not null references qa_plans (programme) on delete cascade,
  from_quarter text not null check (from_quarter ~ '^[0-9]{4}-Q[1-4]$'),
  rate double precision not null check (rate >= 0 and rate <= 1),
  primary key (programme, from_quarter)
);

-- The keys of the sampling rule: a file is drawn when HMAC-SHA-256(key, application id), read as a
-- number in [0, 1), is below the rate. A key applies to files reaching the stage from its
-- activation on; older keys are kept so past samples can be derived again. Never rewritten.
create table qa_sampling_keys (
  version integer primary key,
  secret text not null check (secret ~ '^[0-9a-f]{64}$'),
  activated_at timestamptz not null,
  created_by text not null,
  reason text not null default ''
);

-- The sampling frame: every file that reached its programme's sampling stage, what the reviewer
-- needs to find it, and the draw. Written once in the transaction of the stage move; never
-- rewritten, so the draw can be checked against the key later.
create table qa_frame (
  id uuid primary key default gen_random_uuid(),
  application_id text not null,
  application_number text not null,
  programme text not null,
  type_code text not null,
  stage text not null,
  site_id text,
  agent_id text,
  reached_at timestamptz not null,
  fiscal_quarter text not null,
  rate double precision not null,
  key_version integer not null references qa_sampling_keys (version),
  drawn boolean not null,
  unique (application_id, stage)
);
create index qa_frame_quarter_idx on qa_frame (programme, fiscal_quarter);
create index qa_frame_drawn_idx on qa_frame (reached_at) where drawn;

-- The checklist a reviewer applies to a programme's files; items are retired, never deleted.
create table qa_checklist_items (
  programme text not null references qa_plans (programme) on delete cascade,
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  label_en text not null,
  label_fr text not null,
  sort_order integer not null default 0,
  active boolean not null default true,
  primary key (programme, code)
);

-- Agents grouped in teams, for error rates by team.
create table qa_team_members (
  agent_id text primary key,
  team text not null,
  updated_at timestamptz not null default now()
);

-- One review per drawn file.
create table qa_reviews (
  id uuid primary key default gen_random_uuid(),
  frame_id uuid not null unique references qa_frame (id),
  reviewer_id text not null,
  in_error boolean not null,
  comments text not null default '',
  reviewed_at timestamptz not null
);
create index qa_reviews_reviewed_idx on qa_reviews (reviewed_at);

create table qa_review_items (
  review_id uuid not null references qa_reviews (id) on delete cascade,
  item_code text not null,
  result text not null check (result in ('pass', 'fail', 'not_applicable')),
  primary key (review_id, item_code)
);

create table qa_findings (
  id uuid primary key default gen_random_uuid(),
  review_id uuid not null references qa_reviews (id) on delete cascade,
  item_code text,
  type text not null check (type in ('eligibility', 'identity', 'documents', 'data_entry', 'fees', 'procedure', 'privacy', 'client_service')),
  severity text not null check (severity in ('minor', 'major', 'critical')),
  description text not null
);
create index qa_findings_review_idx on qa_findings (review_id);

-- What the agent is told, and when they read it.
create table qa_feedback (
  review_id uuid primary key references qa_reviews (id) on delete cascade,
  agent_id text not null,
  message text not null,
  sent_at timestamptz not null,
  acknowledged_at timestamptz
);
create index qa_feedback_agent_idx on qa_feedback (agent_id, sent_at);

-- In-person service quality: an observer watches a service interaction on site or virtually.
create table qa_observations (
  id uuid primary key default gen_random_uuid(),
  service_point_id uuid not null references service_points (id),
  visit_id uuid references visits (id),
  mode text not null check (mode in ('on_site', 'virtual')),
  observer_id text not null,
  observed_at timestamptz not null,
  notes text not null default ''
);
create index qa_observations_site_idx on qa_observations (service_point_id, observed_at);

create table qa_observation_items (
  observation_id uuid not null references qa_observations (id) on delete cascade,
  item_code text not null,
  result text not null check (result in ('pass', 'fail', 'not_applicable')),
  primary key (observation_id, item_code)
);

-- The frame and the keys are the evidence of the draw: refuse any rewrite.
create function qa_evidence_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end;
$$;
create trigger qa_frame_no_update before update or delete on qa_frame
  for each row execute function qa_evidence_is_append_only();
create trigger qa_frame_no_truncate before truncate on qa_frame
  for each statement execute function qa_evidence_is_append_only();
create trigger qa_sampling_keys_no_update before update or delete on qa_sampling_keys
  for each row execute function qa_evidence_is_append_only();
create trigger qa_sampling_keys_no_truncate before truncate on qa_sampling_keys
  for each statement execute function qa_evidence_is_append_only();

-- The passport programme's plan (seed 000): files are drawn as they reach printing, once the
-- examiner has decided and before the document leaves; 1 %, 2 %, 3 %, then 4 % from Q4 on.
insert into qa_plans (programme, stage) values ('passport', 'printing');
insert into qa_rates (programme, from_quarter, rate) values
  ('passport', '2025-Q1', 0.01), ('passport', '2025-Q2', 0.02), ('passport', '2025-Q3', 0.03), ('passport', '2025-Q4', 0.04);
insert into qa_checklist_items (programme, code, label_en, label_fr, sort_order) values
  ('passport', 'identity_confirmed', 'Identity confirmed against the guarantor or references', 'Identité confirmée auprès du répondant ou des références', 1),
  ('passport', 'citizenship_proof', 'Proof of Canadian citizenship is valid and recorded', 'La preuve de citoyenneté canadienne est valide et consignée', 2),
  ('passport', 'photos_compliant', 'Photos meet the specifications', 'Les photos respectent les normes', 3),
  ('passport', 'entitlement_checks', 'Entitlement checks done (watch lists, previous documents)', 'Vérifications d’admissibilité faites (listes de surveillance, documents antérieurs)', 4),
  ('passport', 'data_accurate', 'Data entered matches the application', 'Les données saisies correspondent à la demande', 5),
  ('passport', 'fees_correct', 'Correct fees collected', 'Frais exacts perçus', 6),
  ('passport', 'file_notes', 'File notes explain every exception', 'Les notes au dossier expliquent chaque exception', 7);

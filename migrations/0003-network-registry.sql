-- Service network registry: stable external ids for import/export, jurisdiction (partner layers
-- of other governments), coordinate precision, status history, and partners at a site.

alter table service_points add column external_id text;
update service_points set external_id = code where external_id is null;
alter table service_points alter column external_id set not null;
alter table service_points add constraint service_points_external_id_key unique (external_id);

alter table service_points add column jurisdiction text not null default 'federal'
  check (jurisdiction in ('federal', 'provincial', 'municipal', 'ngo'));
alter table service_points add column partner_name text;
alter table service_points add column coordinate_precision text not null default 'exact'
  check (coordinate_precision in ('exact', 'street', 'postal_code', 'community'));

-- History is appended: every status a site has had, with why and from when.
create table service_point_status_history (
  id bigint generated always as identity primary key,
  service_point_id uuid not null references service_points (id) on delete cascade,
  status text not null check (status in ('open', 'temporarily_closed', 'suspended', 'reactivated', 'closed')),
  reason text,
  effective_on date not null,
  recorded_at timestamptz not null default now(),
  recorded_by text
);
create index service_point_status_history_point_idx on service_point_status_history (service_point_id, effective_on);

insert into service_point_status_history (service_point_id, status, reason, effective_on, recorded_by)
  select id, status, 'initial', (created_at at time zone 'UTC')::date, 'migration' from service_points;

-- Other organisations at a site and how they work together (seed 003).
create table service_point_partners (
  id uuid primary key default gen_random_uuid(),
  service_point_id uuid not null references service_points (id) on delete cascade,
  name_en text not null,
  name_fr text not null,
  partner_type text not null check (partner_type in ('federal', 'provincial', 'municipal', 'ngo')),
  model text not null check (model in ('referral', 'co_location', 'shared_space', 'integrated'))
);
create index service_point_partners_point_idx on service_point_partners (service_point_id);

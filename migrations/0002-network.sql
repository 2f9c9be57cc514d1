-- Service network: provinces and territories, the service catalogue, and the service points.
-- Reference data (provinces, catalogue) ships with every deployment; service points do not.

create table provinces (
  code text primary key,
  name_en text not null,
  name_fr text not null,
  default_time_zone text not null,
  sort_order integer not null
);

insert into provinces (code, name_en, name_fr, default_time_zone, sort_order) values
  ('NL', 'Newfoundland and Labrador', 'Terre-Neuve-et-Labrador', 'America/St_Johns', 1),
  ('PE', 'Prince Edward Island', 'Île-du-Prince-Édouard', 'America/Halifax', 2),
  ('NS', 'Nova Scotia', 'Nouvelle-Écosse', 'America/Halifax', 3),
  ('NB', 'New Brunswick', 'Nouveau-Brunswick', 'America/Moncton', 4),
  ('QC', 'Quebec', 'Québec', 'America/Toronto', 5),
  ('ON', 'Ontario', 'Ontario', 'America/Toronto', 6),
  ('MB', 'Manitoba', 'Manitoba', 'America/Winnipeg', 7),
  ('SK', 'Saskatchewan', 'Saskatchewan', 'America/Regina', 8),
  ('AB', 'Alberta', 'Alberta', 'America/Edmonton', 9),
  ('BC', 'British Columbia', 'Colombie-Britannique', 'America/Vancouver', 10),
  ('YT', 'Yukon', 'Yukon', 'America/Whitehorse', 11),
  ('NT', 'Northwest Territories', 'Territoires du Nord-Ouest', 'America/Yellowknife', 12),
  ('NU', 'Nunavut', 'Nunavut', 'America/Iqaluit', 13);

create table services (
  code text primary key,
  programme text not null,
  name_en text not null,
  name_fr text not null,
  sort_order integer not null
);

insert into services (code, programme, name_en, name_fr, sort_order) values
  ('passport', 'passport', 'Passport applications', 'Demandes de passeport', 1),
  ('passport_pickup', 'passport', 'Passport pick-up', 'Retrait de passeport', 2),
  ('biometrics', 'immigration', 'Biometrics collection', 'Collecte des données biométriques', 3),
  ('sin', 'sin', 'Social Insurance Number', 'Numéro d''assurance sociale', 4),
  ('ei', 'ei', 'Employment Insurance', 'Assurance-emploi', 5),
  ('cpp', 'pensions', 'Canada Pension Plan', 'Régime de pensions du Canada', 6),
  ('oas', 'pensions', 'Old Age Security', 'Sécurité de la vieillesse', 7),
  ('citizenship', 'immigration', 'Citizenship', 'Citoyenneté', 8),
  ('my_account', 'online', 'My Service Canada Account help', 'Aide pour Mon dossier Service Canada', 9),
  ('dental', 'health', 'Canadian Dental Care Plan', 'Régime canadien de soins dentaires', 10),
  ('self_service', 'online', 'Self-service computers', 'Postes libre-service', 11);

create table service_points (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  type text not null check (type in ('scc', 'scc_consolidated', 'passport_site', 'outreach_site', 'partnership_site')),
  name_en text not null,
  name_fr text not null,
  address_line text not null,
  city text not null,
  province_code text not null references provinces (code),
  postal_code text,
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  time_zone text not null,
  counters integer not null default 0 check (counters >= 0),
  yearly_volume integer check (yearly_volume >= 0),
  status text not null default 'open' check (status in ('open', 'temporarily_closed', 'suspended', 'reactivated', 'closed')),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index service_points_province_idx on service_points (province_code, type);

create table service_point_services (
  service_point_id uuid not null references service_points (id) on delete cascade,
  service_code text not null references services (code),
  primary key (service_point_id, service_code)
);

-- Weekly hours in the site's own time zone; ISO weekday 1 = Monday … 7 = Sunday.
create table service_point_hours (
  service_point_id uuid not null references service_points (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7),
  opens_at time not null,
  closes_at time not null,
  primary key (service_point_id, weekday, opens_at),
  check (closes_at > opens_at)
);

-- What a client can count on at a site before going: its accessibility features and the
-- languages it serves in (English and French, and others where the community needs them).
create table service_point_features (
  service_point_id uuid not null references service_points (id) on delete cascade,
  feature text not null,
  primary key (service_point_id, feature)
);

create table service_point_languages (
  service_point_id uuid not null references service_points (id) on delete cascade,
  language text not null,
  primary key (service_point_id, language)
);

-- Where each staff account and API token works, besides its role: service points, regions
-- (province or territory codes), programmes (case workloads) and contact lines. National scope is
-- explicit; an account with no assignment can reach nothing bound to a place, file or line.
-- Kept on the row itself so that resolving a session or token reads them in the same query.

alter table staff_users
  add column national boolean not null default false,
  add column site_ids uuid[] not null default '{}',
  add column regions text[] not null default '{}',
  add column programmes text[] not null default '{}',
  add column lines text[] not null default '{}';

alter table api_tokens
  add column national boolean not null default false,
  add column site_ids uuid[] not null default '{}',
  add column regions text[] not null default '{}',
  add column programmes text[] not null default '{}',
  add column lines text[] not null default '{}';

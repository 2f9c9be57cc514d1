-- The planned number of active scheduled outreach sites per week, against which reactivation is
-- tracked (seed 000: 210 outreach sites reactivated by 21 April 2023, 32 more expected that quarter).
create table network_reactivation_plan (
  week_start date primary key,
  planned_active integer not null check (planned_active >= 0),
  note text
);

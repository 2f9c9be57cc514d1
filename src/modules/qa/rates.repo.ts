/** The SQL of error rates (reviewed files and files in error by group) and of observations, each within a scope. */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { siteFilter } from '../../platform/auth/scope.js';
import type { QaObservationMode, QaResult } from '../../platform/db/tables.qa.js';
import { frameInScope, type FileScope } from './qa.repo.js';

export const RATE_DIMENSIONS = ['site', 'team', 'agent', 'programme', 'quarter', 'month'] as const;
export type RateDimension = (typeof RATE_DIMENSIONS)[number];

/** The group key and its two labels for each dimension; months are read in Ottawa time like quarters. */
const NONE = sql<null>`null::text`;
const GROUP: Record<RateDimension, { key: RawBuilder<string | null>; en: RawBuilder<string | null>; fr: RawBuilder<string | null> }> = {
  site: { key: sql`s.code`, en: sql`max(s.name_en)`, fr: sql`max(s.name_fr)` },
  team: { key: sql`tm.team`, en: NONE, fr: NONE },
  agent: { key: sql`f.agent_id`, en: sql`max(u.display_name)`, fr: sql`max(u.display_name)` },
  programme: { key: sql`f.programme`, en: NONE, fr: NONE },
  quarter: { key: sql`f.fiscal_quarter`, en: NONE, fr: NONE },
  month: { key: sql`to_char(f.reached_at at time zone 'America/Toronto', 'YYYY-MM')`, en: NONE, fr: NONE },
};

/** Reviewed files and files in error by group, over the files within a scope (null: every file). */
export async function countErrors(db: Db, filter: { by: RateDimension; programme?: string | undefined; from?: string | undefined; to?: string | undefined; scope?: FileScope }) {
  const group = GROUP[filter.by];
  let query = db
    .selectFrom('qa_reviews as r')
    .innerJoin('qa_frame as f', 'f.id', 'r.frame_id')
    .leftJoin('service_points as s', (join) => join.on(sql`s.id::text`, '=', sql.ref('f.site_id')))
    .leftJoin('staff_users as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('f.agent_id')))
    .leftJoin('qa_team_members as tm', 'tm.agent_id', 'f.agent_id')
    .leftJoin('applications as a', (join) => join.onRef('a.number', '=', 'f.application_number').on(sql`a.id::text`, '=', sql.ref('f.application_id')))
    .select([group.key.as('key'), sql<string | null>`${group.en}`.as('label_en'), sql<string | null>`${group.fr}`.as('label_fr')])
    .select((eb) => [
      eb.fn.countAll<string>().as('reviewed'),
      eb.fn.count<string>(eb.case().when('r.in_error', '=', true).then(1).end()).as('in_error'),
      sql<string>`count(distinct case when exists (select 1 from qa_findings x where x.review_id = r.id and x.severity = 'critical') then r.id end)`.as('critical'),
    ])
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  if (filter.programme) query = query.where('f.programme', '=', filter.programme);
  if (filter.from) query = query.where('f.fiscal_quarter', '>=', filter.from);
  if (filter.to) query = query.where('f.fiscal_quarter', '<=', filter.to);
  if (filter.scope) query = query.where(frameInScope(filter.scope));
  return query.execute();
}

export async function insertObservation(
  db: Db,
  row: { service_point_id: string; visit_id: string | null; mode: QaObservationMode; observer_id: string; observed_at: Date; notes: string },
  items: { item_code: string; result: QaResult }[],
) {
  const { id } = await db.insertInto('qa_observations').values(row).returning('id').executeTakeFirstOrThrow();
  if (items.length) await db.insertInto('qa_observation_items').values(items.map((i) => ({ ...i, observation_id: id }))).execute();
  return id;
}

/** Service points a person reaches (see `siteFilter`); null reaches every one. */
export type SiteScope = ReturnType<typeof siteFilter>;

const siteInScope = (scope: NonNullable<SiteScope>) => sql<boolean>`(s.id::text = any(${[...scope.siteIds]}::text[]) or s.province_code = any(${[...scope.regions]}::text[]))`;

export function listObservations(db: Db, filter: { siteId?: string | undefined; scope?: SiteScope; limit: number }) {
  let query = db
    .selectFrom('qa_observations as o')
    .innerJoin('service_points as s', 's.id', 'o.service_point_id')
    .leftJoin('visits as v', 'v.id', 'o.visit_id')
    .select(['o.id', 'o.service_point_id', 'o.visit_id', 'o.mode', 'o.observer_id', 'o.observed_at', 'o.notes', 's.code as site_code', 's.name_en as site_name_en', 's.name_fr as site_name_fr', 'v.ticket'])
    .orderBy('o.observed_at', 'desc')
    .orderBy('o.id')
    .limit(filter.limit);
  if (filter.siteId) query = query.where('o.service_point_id', '=', filter.siteId);
  if (filter.scope) query = query.where(siteInScope(filter.scope));
  return query.execute();
}

export const listObservationItems = (db: Db, ids: string[]) =>
  ids.length ? db.selectFrom('qa_observation_items').select(['observation_id', 'item_code', 'result']).where('observation_id', 'in', ids).execute() : Promise.resolve([]);

/** Pass, fail and not-applicable counts per checklist item, over a site's or every observation. */
export function summariseObservations(db: Db, filter: { siteId?: string | undefined; scope?: SiteScope }) {
  let query = db
    .selectFrom('qa_observation_items as i')
    .innerJoin('qa_observations as o', 'o.id', 'i.observation_id')
    .innerJoin('service_points as s', 's.id', 'o.service_point_id')
    .select(['i.item_code', 'i.result'])
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .groupBy(['i.item_code', 'i.result']);
  if (filter.siteId) query = query.where('o.service_point_id', '=', filter.siteId);
  if (filter.scope) query = query.where(siteInScope(filter.scope));
  return query.execute();
}

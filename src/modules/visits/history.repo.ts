/** The SQL of the visits history: a year of daily figures per site (the demo loads them; a nightly job would append). */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Tables, VisitDailyStatsTable } from '../../platform/db/tables.js';

type Db = Kysely<Tables>;
type DailyStatsInsert = Insertable<VisitDailyStatsTable>;

/** Rows per insert statement: 9 parameters a row keeps each statement well under PostgreSQL's 65,535. */
const DAILY_STATS_CHUNK = 1000;

export async function insertDailyStats(db: Db, rows: readonly DailyStatsInsert[]): Promise<void> {
  for (let start = 0; start < rows.length; start += DAILY_STATS_CHUNK) {
    await db.insertInto('visit_daily_stats').values(rows.slice(start, start + DAILY_STATS_CHUNK)).execute();
  }
}

/** One site's days from `from` to `to` (both YYYY-MM-DD, inclusive), oldest first. */
export const listDailyStats = (db: Db, options: { siteId: string; from: string; to: string }) =>
  db
    .selectFrom('visit_daily_stats')
    .selectAll()
    .where('service_point_id', '=', options.siteId)
    .where('service_day', '>=', options.from)
    .where('service_day', '<=', options.to)
    .orderBy('service_day')
    .execute();

export const countDailyStats = async (db: Db) =>
  Number((await db.selectFrom('visit_daily_stats').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/**
 * The federal sites that receive clients in person and still operate, with what the history
 * generator needs: counters, yearly volume, province and the ISO weekdays they open.
 */
export const listInPersonSites = (db: Db) =>
  db
    .selectFrom('service_points as p')
    .select([
      'p.id',
      'p.code',
      'p.type',
      'p.province_code',
      'p.counters',
      'p.yearly_volume',
      // A json array rather than a SQL array: both engines hand it back as a plain number[].
      (eb) =>
        eb
          .selectFrom('service_point_hours as h')
          .select(sql<number[]>`coalesce(json_agg(distinct h.weekday), '[]'::json)`.as('weekdays'))
          .whereRef('h.service_point_id', '=', 'p.id')
          .as('open_weekdays'),
    ])
    .where('p.jurisdiction', '=', 'federal')
    .where('p.type', 'in', ['scc', 'scc_consolidated', 'passport_site', 'outreach_site', 'partnership_site'])
    .where('p.status', '<>', 'closed')
    .orderBy('p.code')
    .execute();

/** Every site's days from `from` to `to`, with the site's code and province (for analysis across the network). */
export const listNetworkDailyStats = (db: Db, options: { from: string; to: string }) =>
  db
    .selectFrom('visit_daily_stats as s')
    .innerJoin('service_points as p', 'p.id', 's.service_point_id')
    .select(['s.service_day as day', 'p.id as siteId', 'p.code as siteCode', 'p.province_code as province', 's.arrivals', 's.served', 's.abandoned', 's.served_within_target as servedWithinTarget', 's.mean_wait_minutes as meanWaitMinutes', 's.p90_wait_minutes as p90WaitMinutes', 's.mean_service_minutes as meanServiceMinutes'])
    .where('s.service_day', '>=', options.from)
    .where('s.service_day', '<=', options.to)
    .orderBy('s.service_day')
    .orderBy('p.code')
    .execute();

/** The SQL of the known events (migrations/0015-insights.sql). */
import type { Insertable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { InsightsEventsTable } from '../../../platform/db/tables.insights.js';

export const insertEvent = (db: Db, row: Insertable<InsightsEventsTable>) => db.insertInto('insights_events').values(row).returningAll().executeTakeFirstOrThrow();

/** Events overlapping `from`–`to`, earliest first. */
export const listEvents = (db: Db, options: { from: string; to: string }) =>
  db.selectFrom('insights_events').selectAll().where('ends_on', '>=', options.from).where('starts_on', '<=', options.to).orderBy('starts_on').orderBy('created_at').limit(500).execute();

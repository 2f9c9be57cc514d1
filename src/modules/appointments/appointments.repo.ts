/** The only SQL of the appointments module. */
import { sql, type Kysely, type Updateable } from 'kysely';
import type { AppointmentsTable, Tables } from '../../platform/db/tables.js';

type Db = Kysely<Tables>;

export const findSiteSettings = (db: Db, siteId: string) => db.selectFrom('appointment_site_settings').selectAll().where('service_point_id', '=', siteId).executeTakeFirst();

export const upsertSiteSettings = (db: Db, siteId: string, values: { counters: number; lead_minutes: number; horizon_days: number; grace_minutes: number }, now: Date) =>
  db
    .insertInto('appointment_site_settings')
    .values({ service_point_id: siteId, ...values, updated_at: now })
    .onConflict((oc) => oc.column('service_point_id').doUpdateSet({ ...values, updated_at: now }))
    .execute();

export const listServiceRules = (db: Db, siteId: string) => db.selectFrom('appointment_services').selectAll().where('service_point_id', '=', siteId).execute();

export const upsertServiceRule = (db: Db, rule: { siteId: string; service: string; bookable: boolean; slotMinutes: number }) =>
  db
    .insertInto('appointment_services')
    .values({ service_point_id: rule.siteId, service_code: rule.service, bookable: rule.bookable, slot_minutes: rule.slotMinutes })
    .onConflict((oc) => oc.columns(['service_point_id', 'service_code']).doUpdateSet({ bookable: rule.bookable, slot_minutes: rule.slotMinutes }))
    .execute();

export const listBlackouts = (db: Db, siteId: string, from: string, to: string) =>
  db.selectFrom('appointment_blackouts').selectAll().where('service_point_id', '=', siteId).where('day', '>=', from).where('day', '<=', to).orderBy('day').execute();

export const insertBlackout = (db: Db, values: { siteId: string; day: string; reason: string }) =>
  db
    .insertInto('appointment_blackouts')
    .values({ service_point_id: values.siteId, day: values.day, reason: values.reason })
    .onConflict((oc) => oc.columns(['service_point_id', 'day']).doUpdateSet({ reason: values.reason }))
    .execute();

export const deleteBlackout = (db: Db, siteId: string, day: string) => db.deleteFrom('appointment_blackouts').where('service_point_id', '=', siteId).where('day', '=', day).executeTakeFirst();

/** Serialises bookings of one site and day across processes, until the transaction ends. */
export const lockSiteDay = (db: Db, siteId: string, day: string) => sql`select pg_advisory_xact_lock(hashtext(${`appointments:${siteId}:${day}`}))`.execute(db);

/** Bookings that hold a counter between two instants (booked or already checked in). */
export const listActiveBookings = (db: Db, siteId: string, from: Date, to: Date, exceptId?: string) => {
  let query = db
    .selectFrom('appointments')
    .select(['id', 'starts_at', 'ends_at'])
    .where('service_point_id', '=', siteId)
    .where('state', 'in', ['booked', 'checked_in'])
    .where('starts_at', '<', to)
    .where('ends_at', '>', from);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.execute();
};

export const insertAppointment = (db: Db, values: Parameters<ReturnType<Db['insertInto']>['values']>[0] & object) =>
  db.insertInto('appointments').values(values as never).returningAll().executeTakeFirstOrThrow();

export const findAppointment = (db: Db, id: string) => db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
export const lockAppointment = (db: Db, id: string) => db.selectFrom('appointments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const findByReference = (db: Db, reference: string) => db.selectFrom('appointments').selectAll().where('reference', '=', reference).executeTakeFirst();

export const updateAppointment = (db: Db, id: string, patch: Updateable<AppointmentsTable>) =>
  db.updateTable('appointments').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const appendEvent = (db: Db, event: { appointmentId: string; at: Date; type: string; actor: string; details?: Record<string, unknown> }) =>
  db
    .insertInto('appointment_events')
    .values({ appointment_id: event.appointmentId, occurred_at: event.at, type: event.type, actor: event.actor, details: JSON.stringify(event.details ?? {}) })
    .execute();

export const listEvents = (db: Db, appointmentId: string) => db.selectFrom('appointment_events').selectAll().where('appointment_id', '=', appointmentId).orderBy('id').execute();

/** A site's appointments between two instants, for reception. */
export const listForSite = (db: Db, siteId: string, from: Date, to: Date) =>
  db.selectFrom('appointments').selectAll().where('service_point_id', '=', siteId).where('starts_at', '>=', from).where('starts_at', '<', to).where('state', '!=', 'cancelled').orderBy('starts_at').execute();

/** Booked appointments starting before `until` whose reminder has not gone out. */
export const listReminderDue = (db: Db, now: Date, until: Date) =>
  db.selectFrom('appointments').selectAll().where('state', '=', 'booked').where('reminder_sent_at', 'is', null).where('starts_at', '>', now).where('starts_at', '<=', until).execute();

/** Marks the reminder sent; false when another process already did (so only one sends it). */
export const markReminded = async (db: Db, id: string, now: Date) =>
  (await db.updateTable('appointments').set({ reminder_sent_at: now }).where('id', '=', id).where('reminder_sent_at', 'is', null).returning('id').executeTakeFirst()) !== undefined;

/** Booked appointments whose start plus the site's grace period has passed. */
export const listOverdue = (db: Db, now: Date) =>
  db
    .selectFrom('appointments as a')
    .leftJoin('appointment_site_settings as s', 's.service_point_id', 'a.service_point_id')
    .selectAll('a')
    .where('a.state', '=', 'booked')
    .where(sql<boolean>`a.starts_at + make_interval(mins => coalesce(s.grace_minutes, 15)) < ${now}`)
    .execute();

export const listRoster = (db: Db, siteId: string) =>
  db.selectFrom('appointment_roster').select(['weekday', 'starts_at as startsAt', 'ends_at as endsAt', 'staff']).where('service_point_id', '=', siteId).orderBy('weekday').orderBy('starts_at').execute();

export async function replaceRoster(db: Db, siteId: string, windows: readonly { weekday: number; startsAt: string; endsAt: string; staff: number }[]): Promise<void> {
  await db.deleteFrom('appointment_roster').where('service_point_id', '=', siteId).execute();
  if (windows.length === 0) return;
  await db
    .insertInto('appointment_roster')
    .values(windows.map((w) => ({ service_point_id: siteId, weekday: w.weekday, starts_at: w.startsAt, ends_at: w.endsAt, staff: w.staff })))
    .execute();
}

/** The only SQL of the network module. */
import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { NewServicePoint, ServicePointStatus, ServicePointType, Tables } from '../../platform/db/tables.js';

type Db = Kysely<Tables>;

export const countServicePoints = (db: Db) =>
  db.selectFrom('service_points').select(['type', (eb) => eb.fn.countAll<number>().as('count')]).where('status', '!=', 'closed').groupBy('type').execute();

export const countByProvince = (db: Db) =>
  db
    .selectFrom('provinces as p')
    .leftJoin('service_points as s', (join) => join.onRef('s.province_code', '=', 'p.code').on('s.status', '!=', 'closed'))
    .select(['p.code', 'p.name_en', 'p.name_fr', 'p.sort_order', (eb) => eb.fn.count<number>('s.id').as('count')])
    .groupBy(['p.code', 'p.name_en', 'p.name_fr', 'p.sort_order'])
    .orderBy('p.sort_order')
    .execute();

export const listProvinces = (db: Db) => db.selectFrom('provinces').selectAll().orderBy('sort_order').execute();
export const listServices = (db: Db) => db.selectFrom('services').selectAll().orderBy('sort_order').execute();
export const countAllServicePoints = async (db: Db) =>
  (await db.selectFrom('service_points').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count;

export interface ServicePointFilter {
  province?: string | undefined;
  type?: ServicePointType | undefined;
  service?: string | undefined;
  status?: ServicePointStatus | undefined;
  limit: number;
  offset: number;
}

export async function listServicePoints(db: Db, filter: ServicePointFilter) {
  let query = db.selectFrom('service_points as s');
  if (filter.province) query = query.where('s.province_code', '=', filter.province);
  if (filter.type) query = query.where('s.type', '=', filter.type);
  if (filter.status) query = query.where('s.status', '=', filter.status);
  if (filter.service) {
    const service = filter.service;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('service_point_services as x').select(sql`1`.as('one')).whereRef('x.service_point_id', '=', 's.id').where('x.service_code', '=', service)),
    );
  }
  const [rows, total] = await Promise.all([
    query.selectAll('s').orderBy('s.province_code').orderBy('s.city').orderBy('s.code').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.count };
}

/** One service point with its services and hours, in one round trip (json arrays built in SQL). */
export const findServicePointWithDetails = (db: Db, key: { id: string } | { ref: string }) =>
  db
    .selectFrom('service_points as p')
    .selectAll('p')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('service_point_services as x')
          .innerJoin('services as s', 's.code', 'x.service_code')
          .select(['s.code', 's.name_en', 's.name_fr'])
          .whereRef('x.service_point_id', '=', 'p.id')
          .orderBy('s.sort_order'),
      ).as('services'),
      jsonArrayFrom(
        eb
          .selectFrom('service_point_hours as h')
          .select(['h.weekday', sql<string>`to_char(h.opens_at, 'HH24:MI')`.as('opens_at'), sql<string>`to_char(h.closes_at, 'HH24:MI')`.as('closes_at')])
          .whereRef('h.service_point_id', '=', 'p.id')
          .orderBy('h.weekday')
          .orderBy('h.opens_at'),
      ).as('hours'),
    ])
    .where((eb) => ('id' in key ? eb('p.id', '=', key.id) : eb.or([eb('p.external_id', '=', key.ref), eb('p.code', '=', key.ref.toUpperCase())])))
    .executeTakeFirst();

export interface NewServicePointWithDetails {
  point: NewServicePoint;
  services: string[];
  hours: { weekday: number; opensAt: string; closesAt: string }[];
}

/**
 * Inserts many service points with their services, hours and first status-history row, in
 * batches, in the caller's transaction.
 */
export async function insertServicePoints(db: Db, items: NewServicePointWithDetails[], history: { effectiveOn: string; recordedBy: string }): Promise<void> {
  for (let start = 0; start < items.length; start += 200) {
    const batch = items.slice(start, start + 200);
    const inserted = await db.insertInto('service_points').values(batch.map((item) => item.point)).returning(['id', 'code', 'status']).execute();
    await db
      .insertInto('service_point_status_history')
      .values(inserted.map((row) => ({ service_point_id: row.id, status: row.status, reason: 'initial', effective_on: history.effectiveOn, recorded_by: history.recordedBy })))
      .execute();
    const idByCode = new Map(inserted.map((row) => [row.code, row.id]));
    const services = batch.flatMap((item) => item.services.map((code) => ({ service_point_id: idByCode.get(item.point.code)!, service_code: code })));
    const hours = batch.flatMap((item) =>
      item.hours.map((h) => ({ service_point_id: idByCode.get(item.point.code)!, weekday: h.weekday, opens_at: h.opensAt, closes_at: h.closesAt })),
    );
    if (services.length > 0) await db.insertInto('service_point_services').values(services).execute();
    if (hours.length > 0) await db.insertInto('service_point_hours').values(hours).execute();
  }
}

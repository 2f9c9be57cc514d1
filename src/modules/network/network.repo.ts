/** The only SQL of the network module. */
import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Jurisdiction, NewServicePoint, PartnershipModel, ServicePointStatus, ServicePointType, Tables } from '../../platform/db/tables.js';

type Db = Kysely<Tables>;

/** Counts of the network itself (federal points): partner layers of other governments are not in it. */
export const countServicePoints = (db: Db) =>
  db
    .selectFrom('service_points')
    .select(['type', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', '!=', 'closed')
    .where('jurisdiction', '=', 'federal')
    .groupBy('type')
    .execute();

export const countByProvince = (db: Db) =>
  db
    .selectFrom('provinces as p')
    .leftJoin('service_points as s', (join) => join.onRef('s.province_code', '=', 'p.code').on('s.status', '!=', 'closed').on('s.jurisdiction', '=', 'federal'))
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
  jurisdiction?: Jurisdiction | undefined;
  search?: string | undefined;
  limit: number;
  offset: number;
}

export async function listServicePoints(db: Db, filter: ServicePointFilter) {
  let query = db.selectFrom('service_points as s');
  if (filter.province) query = query.where('s.province_code', '=', filter.province);
  if (filter.type) query = query.where('s.type', '=', filter.type);
  if (filter.status) query = query.where('s.status', '=', filter.status);
  if (filter.jurisdiction) query = query.where('s.jurisdiction', '=', filter.jurisdiction);
  if (filter.search) {
    // Case-blind substring match; LIKE wildcards typed by the user are escaped.
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb(sql`lower(s.name_en)`, 'like', pattern), eb(sql`lower(s.name_fr)`, 'like', pattern), eb(sql`lower(s.city)`, 'like', pattern), eb(sql`lower(s.code)`, 'like', pattern)]));
  }
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

// ── import / export ─────────────────────────────────────────────────────────────────────────

/** Adds the service codes the catalogue lacks (named after their code until someone edits them). */
export async function ensureServices(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const added = await db
    .insertInto('services')
    .values(codes.map((code, i) => ({ code, programme: 'other', name_en: code, name_fr: code, sort_order: 1000 + i })))
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .execute();
  return added.map((row) => row.code);
}

export interface ImportedPoint {
  externalId: string;
  type: ServicePointType;
  nameEn: string;
  nameFr: string;
  addressLine: string;
  city: string;
  provinceCode: string;
  postalCode: string | null;
  latitude: number;
  longitude: number;
  timeZone: string;
  jurisdiction: Jurisdiction;
  partnerName: string | null;
}

/** Inserts or updates one point by external id; `inserted` tells which (xmax = 0 on insert). */
export async function upsertImportedPoint(db: Db, point: ImportedPoint, now: Date) {
  const values = {
    external_id: point.externalId,
    code: point.externalId,
    type: point.type,
    name_en: point.nameEn,
    name_fr: point.nameFr,
    address_line: point.addressLine,
    city: point.city,
    province_code: point.provinceCode,
    postal_code: point.postalCode,
    latitude: point.latitude,
    longitude: point.longitude,
    time_zone: point.timeZone,
    jurisdiction: point.jurisdiction,
    partner_name: point.partnerName,
    coordinate_precision: 'exact' as const,
  };
  const { code: _code, external_id: _externalId, ...changes } = values;
  return db
    .insertInto('service_points')
    .values(values)
    .onConflict((oc) => oc.column('external_id').doUpdateSet({ ...changes, updated_at: now }))
    .returning(['id', 'status', sql<boolean>`xmax = 0`.as('inserted')])
    .executeTakeFirstOrThrow();
}

export async function replaceServicesOf(db: Db, servicePointId: string, codes: readonly string[]): Promise<void> {
  await db.deleteFrom('service_point_services').where('service_point_id', '=', servicePointId).execute();
  if (codes.length > 0) await db.insertInto('service_point_services').values(codes.map((code) => ({ service_point_id: servicePointId, service_code: code }))).execute();
}

export const appendStatus = (db: Db, entry: { servicePointId: string; status: ServicePointStatus; reason: string; effectiveOn: string; recordedBy: string }) =>
  db
    .insertInto('service_point_status_history')
    .values({ service_point_id: entry.servicePointId, status: entry.status, reason: entry.reason, effective_on: entry.effectiveOn, recorded_by: entry.recordedBy })
    .execute();

/** Every service point with its service codes, for export. */
export const listServicePointsForExport = (db: Db) =>
  db
    .selectFrom('service_points as p')
    .select([
      'p.external_id',
      'p.name_en',
      'p.name_fr',
      'p.type',
      'p.province_code',
      'p.latitude',
      'p.longitude',
      'p.jurisdiction',
      'p.partner_name',
      'p.address_line',
      'p.postal_code',
      'p.time_zone',
      (eb) =>
        eb
          .selectFrom('service_point_services as x')
          .select(sql<string>`coalesce(string_agg(x.service_code, ';' order by x.service_code), '')`.as('codes'))
          .whereRef('x.service_point_id', '=', 'p.id')
          .as('services'),
    ])
    .orderBy('p.external_id')
    .execute();

/** What the in-memory spatial index holds for each service point. */
export const listPointsForIndex = (db: Db) =>
  db
    .selectFrom('service_points as p')
    .select([
      'p.id',
      'p.external_id',
      'p.code',
      'p.name_en',
      'p.name_fr',
      'p.type',
      'p.city',
      'p.province_code',
      'p.status',
      'p.jurisdiction',
      'p.latitude',
      'p.longitude',
      'p.time_zone',
      'p.counters',
      'p.yearly_volume',
      'p.partner_name',
      (eb) =>
        eb
          .selectFrom('service_point_services as x')
          .select(sql<string>`coalesce(string_agg(x.service_code, ';'), '')`.as('codes'))
          .whereRef('x.service_point_id', '=', 'p.id')
          .as('services'),
    ])
    .execute();

export const listHoursFor = (db: Db, servicePointIds: readonly string[]) =>
  servicePointIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('service_point_hours')
        .select(['service_point_id', 'weekday', sql<string>`to_char(opens_at, 'HH24:MI')`.as('opens_at'), sql<string>`to_char(closes_at, 'HH24:MI')`.as('closes_at')])
        .where('service_point_id', 'in', servicePointIds)
        .execute();

export const setStatus = (db: Db, servicePointId: string, status: ServicePointStatus, now: Date) =>
  db.updateTable('service_points').set({ status, updated_at: now }).where('id', '=', servicePointId).returning(['id', 'status']).executeTakeFirst();

export const listStatusHistory = (db: Db, servicePointId: string) =>
  db
    .selectFrom('service_point_status_history')
    .select(['id', 'status', 'reason', 'effective_on', 'recorded_at', 'recorded_by'])
    .where('service_point_id', '=', servicePointId)
    .orderBy('effective_on', 'desc')
    .orderBy('id', 'desc')
    .execute();

/** Co-location: how many partners of each type share a site, by the site's own jurisdiction. */
export const countColocations = (db: Db) =>
  db
    .selectFrom('service_point_partners as x')
    .innerJoin('service_points as p', 'p.id', 'x.service_point_id')
    .select(['p.jurisdiction', 'x.partner_type', 'x.model', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['p.jurisdiction', 'x.partner_type', 'x.model'])
    .execute();

export const insertPartners = (db: Db, partners: { servicePointId: string; nameEn: string; nameFr: string; partnerType: Jurisdiction; model: PartnershipModel }[]) =>
  partners.length === 0
    ? Promise.resolve()
    : db
        .insertInto('service_point_partners')
        .values(partners.map((p) => ({ service_point_id: p.servicePointId, name_en: p.nameEn, name_fr: p.nameFr, partner_type: p.partnerType, model: p.model })))
        .execute()
        .then(() => undefined);

/** Status history of the points of one type (the network's own), for reactivation tracking. */
export const listStatusEventsOfType = (db: Db, type: ServicePointType) =>
  db
    .selectFrom('service_point_status_history as h')
    .innerJoin('service_points as p', 'p.id', 'h.service_point_id')
    .select(['h.service_point_id', 'h.status', 'h.effective_on'])
    .where('p.type', '=', type)
    .where('p.jurisdiction', '=', 'federal')
    .orderBy('h.effective_on')
    .orderBy('h.id')
    .execute();

export const listReactivationPlan = (db: Db) => db.selectFrom('network_reactivation_plan').selectAll().orderBy('week_start').execute();

export const insertReactivationPlan = (db: Db, weeks: { weekStart: string; plannedActive: number; note: string | null }[]) =>
  weeks.length === 0
    ? Promise.resolve()
    : db
        .insertInto('network_reactivation_plan')
        .values(weeks.map((w) => ({ week_start: w.weekStart, planned_active: w.plannedActive, note: w.note })))
        .execute()
        .then(() => undefined);

export const insertStatusEvents = (db: Db, events: { servicePointId: string; status: ServicePointStatus; reason: string; effectiveOn: string; recordedBy: string }[]) =>
  events.length === 0
    ? Promise.resolve()
    : db
        .insertInto('service_point_status_history')
        .values(events.map((e) => ({ service_point_id: e.servicePointId, status: e.status, reason: e.reason, effective_on: e.effectiveOn, recorded_by: e.recordedBy })))
        .execute()
        .then(() => undefined);

export const setStatusOfType = (db: Db, type: ServicePointType, status: ServicePointStatus) =>
  db.updateTable('service_points').set({ status }).where('type', '=', type).where('jurisdiction', '=', 'federal').execute();

export const updateDetails = (
  db: Db,
  servicePointId: string,
  details: { nameEn: string; nameFr: string; addressLine: string; postalCode: string | null; counters: number },
  now: Date,
) =>
  db
    .updateTable('service_points')
    .set({ name_en: details.nameEn, name_fr: details.nameFr, address_line: details.addressLine, postal_code: details.postalCode, counters: details.counters, updated_at: now })
    .where('id', '=', servicePointId)
    .returning('id')
    .executeTakeFirst();

export async function replaceHoursOf(db: Db, servicePointId: string, hours: readonly { weekday: number; opensAt: string; closesAt: string }[]): Promise<void> {
  await db.deleteFrom('service_point_hours').where('service_point_id', '=', servicePointId).execute();
  if (hours.length > 0) {
    await db.insertInto('service_point_hours').values(hours.map((h) => ({ service_point_id: servicePointId, weekday: h.weekday, opens_at: h.opensAt, closes_at: h.closesAt }))).execute();
  }
}

// ── outreach calendar ────────────────────────────────────────────────────────────────────────

export const listSchedulesFor = (db: Db, servicePointIds: readonly string[]) =>
  servicePointIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('outreach_schedules')
        .select(['id', 'service_point_id', 'rule', 'starts_on', 'ends_on', 'host_community', sql<string>`to_char(opens_at, 'HH24:MI')`.as('opens_at'), sql<string>`to_char(closes_at, 'HH24:MI')`.as('closes_at')])
        .where('service_point_id', 'in', servicePointIds)
        .orderBy('starts_on')
        .execute();

export const listClosuresFor = (db: Db, servicePointIds: readonly string[], from: string) =>
  servicePointIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('service_point_closures').selectAll().where('service_point_id', 'in', servicePointIds).where('day', '>=', from).orderBy('day').execute();

export const insertSchedules = (db: Db, rows: { service_point_id: string; rule: string; starts_on: string; ends_on: string | null; opens_at: string; closes_at: string; host_community: string }[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('outreach_schedules').values(rows).execute().then(() => undefined);

export const deleteSchedule = (db: Db, servicePointId: string, scheduleId: string) =>
  db.deleteFrom('outreach_schedules').where('service_point_id', '=', servicePointId).where('id', '=', scheduleId).executeTakeFirst();

export const upsertClosure = (db: Db, row: { service_point_id: string; day: string; reason: string }) =>
  db
    .insertInto('service_point_closures')
    .values(row)
    .onConflict((oc) => oc.columns(['service_point_id', 'day']).doUpdateSet({ reason: row.reason }))
    .execute();

// ── accessibility and languages ──────────────────────────────────────────────────────────────

export async function findAccessOf(db: Db, servicePointId: string) {
  const [features, languages] = await Promise.all([
    db.selectFrom('service_point_features').select('feature').where('service_point_id', '=', servicePointId).orderBy('feature').execute(),
    db.selectFrom('service_point_languages').select('language').where('service_point_id', '=', servicePointId).orderBy('language').execute(),
  ]);
  return { features: features.map((f) => f.feature), languages: languages.map((l) => l.language) };
}

export async function replaceAccessOf(db: Db, servicePointId: string, access: { features: string[]; languages: string[] }) {
  await db.deleteFrom('service_point_features').where('service_point_id', '=', servicePointId).execute();
  await db.deleteFrom('service_point_languages').where('service_point_id', '=', servicePointId).execute();
  if (access.features.length > 0) await db.insertInto('service_point_features').values(access.features.map((feature) => ({ service_point_id: servicePointId, feature }))).execute();
  if (access.languages.length > 0) await db.insertInto('service_point_languages').values(access.languages.map((language) => ({ service_point_id: servicePointId, language }))).execute();
}

export async function insertAccess(db: Db, rows: { servicePointId: string; features: string[]; languages: string[] }[]) {
  const features = rows.flatMap((r) => r.features.map((feature) => ({ service_point_id: r.servicePointId, feature })));
  const languages = rows.flatMap((r) => r.languages.map((language) => ({ service_point_id: r.servicePointId, language })));
  for (let i = 0; i < features.length; i += 1000) await db.insertInto('service_point_features').values(features.slice(i, i + 1000)).execute();
  for (let i = 0; i < languages.length; i += 1000) await db.insertInto('service_point_languages').values(languages.slice(i, i + 1000)).execute();
}

export const listPartnersOf = (db: Db, servicePointId: string) =>
  db.selectFrom('service_point_partners').selectAll().where('service_point_id', '=', servicePointId).orderBy('name_en').execute();

export const deletePartner = (db: Db, servicePointId: string, partnerId: string) =>
  db.deleteFrom('service_point_partners').where('service_point_id', '=', servicePointId).where('id', '=', partnerId).returningAll().executeTakeFirst();

/** The kinds of partner organisation at every site that has any (for the map's partner layer). */
export const listPartnerTypesBySite = (db: Db) =>
  db.selectFrom('service_point_partners').select(['service_point_id', 'partner_type']).distinct().execute();

/** The province of a service point, for a scope check. */
export const findSiteProvince = (db: Db, siteId: string) =>
  db.selectFrom('service_points').select(['id', 'province_code']).where('id', '=', siteId).executeTakeFirst();

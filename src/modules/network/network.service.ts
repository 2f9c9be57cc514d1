/** Use cases of the service network that the foundation needs: counts, lists, one site, the demo. */
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel, recordAudit } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import { SERVICE_POINT_TYPES, type Jurisdiction, type ServicePointStatus, type ServicePointType } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { assertSiteInScope, scopeOf } from '../../platform/auth/scope.js';
import { generateDemoNetwork, type DemoServicePoint } from './demo/generate.js';
import { generateDemoPartners, generateProvincialLayer } from './demo/partners.js';
import { demoReactivationDate, demoReactivationPlan, SUSPENDED_ON } from './demo/reactivation.js';
import * as repo from './network.repo.js';

/** The event-bus topic on which every change to the network is announced. */
export const NETWORK_TOPIC = 'network';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getNetworkSummary(options: { db: Db }) {
  const [byType, byProvince] = await Promise.all([repo.countServicePoints(options.db), repo.countByProvince(options.db)]);
  const counts = Object.fromEntries(SERVICE_POINT_TYPES.map((type) => [type, 0])) as Record<ServicePointType, number>;
  for (const row of byType) counts[row.type] = Number(row.count);
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return {
    total,
    byType: counts,
    byProvince: byProvince.map((row) => ({ code: row.code, nameEn: row.name_en, nameFr: row.name_fr, count: Number(row.count) })),
  };
}

export async function listServicePoints(options: {
  db: Db;
  province?: string | undefined;
  type?: string | undefined;
  service?: string | undefined;
  status?: string | undefined;
  jurisdiction?: Jurisdiction | undefined;
  /** Part of a name, city or code. */
  search?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}) {
  const fields: Record<string, string> = {};
  const [provinces, services] = await Promise.all([repo.listProvinces(options.db), repo.listServices(options.db)]);
  if (options.province && !provinces.some((p) => p.code === options.province)) fields.province = 'network.unknown_province';
  if (options.type && !(SERVICE_POINT_TYPES as readonly string[]).includes(options.type)) fields.type = 'network.unknown_type';
  if (options.service && !services.some((s) => s.code === options.service)) fields.service = 'network.unknown_service';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  const pageSize = options.pageSize ?? 50;
  const page = options.page ?? 1;
  const { rows, total } = await repo.listServicePoints(options.db, {
    province: options.province,
    type: options.type as ServicePointType | undefined,
    service: options.service,
    status: options.status as ServicePointStatus | undefined,
    jurisdiction: options.jurisdiction,
    search: options.search?.trim() || undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: rows, total, page, pageSize, provinces, services };
}

/** One service point by its id, its external id or its code. */
export async function getServicePoint(options: { db: Db; ref: string }) {
  // No code or external id holds a control character (PostgreSQL refuses a NUL in text outright).
  if (options.ref.length > 200 || /[\u0000-\u001f\u007f]/.test(options.ref)) throw new AppError('network.site_not_found', 404);
  const key = UUID.test(options.ref) ? { id: options.ref } : { ref: options.ref };
  const point = await repo.findServicePointWithDetails(options.db, key);
  if (!point) throw new AppError('network.site_not_found', 404);
  return { ...point, hours: point.hours.map((h) => ({ weekday: h.weekday, opensAt: h.opens_at, closesAt: h.closes_at })) };
}

/** A service point that the actor works at (their site or region, or national scope); 403 otherwise. */
export async function getServicePointFor(options: { db: Db; actor: Actor; ref: string }) {
  const site = await getServicePoint(options);
  assertSiteInScope(options.actor, site);
  return site;
}

/**
 * Refuses an actor whose scope does not cover a service point known by id. The site's province is
 * read only when a region could decide: national staff and a site assignment need no query.
 */
export async function assertSiteAccess(options: { db: Db; actor: Actor; siteId: string }): Promise<void> {
  const scope = scopeOf(options.actor);
  if (scope === 'unbounded' || scope.national || scope.sites.includes(options.siteId)) return;
  const site = scope.regions.length > 0 ? await repo.findSiteProvince(options.db, options.siteId) : undefined;
  assertSiteInScope(options.actor, site ?? { id: options.siteId, province_code: '' });
}

export const listProvinces = (options: { db: Db }) => repo.listProvinces(options.db);
export const listServices = (options: { db: Db }) => repo.listServices(options.db);

/**
 * Loads the generated demo network (560 service points shaped like the seeds) in one transaction.
 * Refuses when the network already has service points, so it can never mix with real data.
 */
export async function loadDemoNetwork(options: { db: Db; actor: Actor }): Promise<{ loaded: number }> {
  const points = generateDemoNetwork();
  const layer = generateProvincialLayer(points);
  const partners = generateDemoPartners(points);
  const toInsert = (p: DemoServicePoint, jurisdiction: Jurisdiction, partnerName: string | null) => ({
    point: {
      code: p.code,
      external_id: p.code,
      type: p.type,
      name_en: p.nameEn,
      name_fr: p.nameFr,
      address_line: p.addressLine,
      city: p.city,
      province_code: p.provinceCode,
      postal_code: p.postalCode,
      latitude: p.latitude,
      longitude: p.longitude,
      time_zone: p.timeZone,
      counters: p.counters,
      yearly_volume: p.yearlyVolume,
      jurisdiction,
      partner_name: partnerName,
      is_demo: true,
    },
    services: p.services,
    hours: p.hours,
  });
  return options.db.transaction().execute(async (trx) => {
    if ((await repo.countAllServicePoints(trx)) > 0) throw new AppError('network.demo_not_empty', 409);
    const items = [...points.map((p) => toInsert(p, 'federal', null)), ...layer.map((p) => toInsert(p, 'provincial', p.nameEn.split(' – ')[0] ?? null))];
    // Every demo point has served since April 2019; outreach history is added below.
    await repo.insertServicePoints(trx, items, { effectiveOn: '2019-04-01', recordedBy: actorLabel(options.actor) });
    const ids = new Map((await repo.listPointsForIndex(trx)).map((row) => [row.code, row.id]));
    await loadDemoOutreachHistory(trx, points, ids, actorLabel(options.actor));
    await repo.insertAccess(trx, points.map((p, i) => ({ servicePointId: ids.get(p.code)!, ...demoAccess(p, i) })));
    await repo.insertPartners(trx, partners.map((p) => ({ servicePointId: ids.get(p.siteCode)!, nameEn: p.nameEn, nameFr: p.nameFr, partnerType: p.partnerType, model: p.model })));
    await recordAudit(trx, options.actor, { action: 'network.demo_loaded', entityType: 'network', details: { servicePoints: points.length, partnerLayer: layer.length, partners: partners.length } });
    await publishEvent(trx, NETWORK_TOPIC, { change: 'demo_loaded', servicePoints: points.length });
    return { loaded: points.length };
  });
}

/**
 * Demo accessibility and languages: every federal office serves in both official languages;
 * offices in Nunavut and Nunavik also in Inuktitut, some northern and prairie offices in Cree or
 * Ojibwe; centres are step-free with accessible washrooms, most with parking and hearing loops.
 */
function demoAccess(p: DemoServicePoint, i: number) {
  const languages = ['en', 'fr'];
  if (p.provinceCode === 'NU' || (p.provinceCode === 'QC' && p.latitude > 55)) languages.push('iu');
  if (['MB', 'SK'].includes(p.provinceCode) && p.latitude > 53) languages.push('cr');
  if (p.provinceCode === 'ON' && p.latitude > 49) languages.push('oj');
  if (p.provinceCode === 'NS' && i % 5 === 0) languages.push('mic');
  const features = p.type === 'outreach_site' ? ['step_free_entrance', 'seating_while_waiting'] : ['step_free_entrance', 'automatic_door', 'accessible_washroom', 'seating_while_waiting', 'large_print', 'sign_language_on_request'];
  if (p.type !== 'outreach_site' && i % 3 !== 0) features.push('accessible_parking');
  if (p.type !== 'outreach_site' && i % 4 !== 0) features.push('hearing_loop');
  if (p.type === 'scc' && i % 6 === 0) features.push('quiet_space');
  return { features: features.sort(), languages: languages.sort() };
}

/** Suspension in 2020 and reactivation in 2022-23 of every outreach site, and the plan. */
async function loadDemoOutreachHistory(trx: Db, points: DemoServicePoint[], ids: Map<string, string>, recordedBy: string) {
  const outreach = points.filter((p) => p.type === 'outreach_site');
  await repo.insertStatusEvents(
    trx,
    outreach.flatMap((p, rank) => [
      { servicePointId: ids.get(p.code)!, status: 'suspended' as const, reason: 'COVID-19 public health measures', effectiveOn: SUSPENDED_ON, recordedBy },
      { servicePointId: ids.get(p.code)!, status: 'reactivated' as const, reason: 'Outreach visits resumed', effectiveOn: demoReactivationDate(rank, outreach.length), recordedBy },
    ]),
  );
  await repo.setStatusOfType(trx, 'outreach_site', 'reactivated');
  await repo.insertReactivationPlan(trx, demoReactivationPlan(outreach.length));
  await repo.insertSchedules(trx, demoOutreachCalendars(outreach, ids));
}

/**
 * A visit calendar per outreach site, on its weekly hours: one site in two is visited every
 * week, the other every second week (the pattern seed 003 describes for mobile outreach).
 */
function demoOutreachCalendars(outreach: DemoServicePoint[], ids: Map<string, string>) {
  // 5 January 2026 is a Monday: the first visit falls on the site's weekday that week.
  const firstOn = (weekday: number) => `2026-01-${String(4 + weekday).padStart(2, '0')}`;
  const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  return outreach.flatMap((p, i) => {
    const slot = p.hours[0];
    if (!slot) return [];
    const rule = `FREQ=WEEKLY;${i % 2 === 0 ? 'INTERVAL=2;' : ''}BYDAY=${BYDAY[slot.weekday - 1]}`;
    return [{ service_point_id: ids.get(p.code)!, rule, starts_on: firstOn(slot.weekday), ends_on: null, opens_at: slot.opensAt, closes_at: slot.closesAt, host_community: p.city }];
  });
}

export async function isNetworkEmpty(options: { db: Db }): Promise<boolean> {
  return (await repo.countAllServicePoints(options.db)) === 0;
}

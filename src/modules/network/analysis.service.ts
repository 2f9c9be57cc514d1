/**
 * Coverage analysis: how many people live within a radius of a serving site that offers a
 * service, per province and overall, which communities are beyond reach, and what a scenario
 * (sites added, removed or suspended) would change. Straight-line distance, or by road through the
 * configured routing engine; population from the shipped GeoNames communities (data/SOURCES.md).
 */
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../platform/errors.js';
import { applyScenario, compareCoverage, computeCoverage, computeRoadCoverage, type Coverage, type CoverageComparison, type CoverageOptions, type CoverageSite } from './coverage.js';
import type { RoutingEngine } from './routing.js';
import { listCanadianPlaces } from './places.js';
import { isOwnPoint, isServing, type IndexedPoint, type PointCache } from './point-cache.js';
import { CLIENTS_PER_COUNTER_YEAR, findCollaborationPairs, spareCapacity } from './collaboration.js';
import { weeklyReactivation } from './reactivation.js';
import type { Db } from '../../platform/db/database.js';
import * as repo from './network.repo.js';

export interface ScenarioInput {
  suspend?: string[];
  remove?: string[];
  add?: { latitude: number; longitude: number }[];
}

export type DistanceKind = 'straight' | 'road';

export interface CoverageAnalysis {
  radiusKm: number;
  distance: DistanceKind;
  service: string | null;
  today: Coverage;
  comparison: CoverageComparison | null;
}

const hasScenario = (s: ScenarioInput | undefined) => Boolean(s && ((s.suspend?.length ?? 0) > 0 || (s.remove?.length ?? 0) > 0 || (s.add?.length ?? 0) > 0));

export async function analyseCoverage(options: {
  cache: PointCache;
  service?: string | undefined;
  radiusKm: number;
  scenario?: ScenarioInput;
  beyondReachLimit?: number;
  distance?: DistanceKind | undefined;
  router?: RoutingEngine | undefined;
}): Promise<CoverageAnalysis> {
  const distance = options.distance ?? 'straight';
  const router = options.router;
  if (distance === 'road' && !router) throw new AppError('common.invalid_input', 400, {}, { distance: 'network.coverage.road_not_configured' });
  const measure = async (input: CoverageOptions): Promise<Coverage> => {
    if (distance === 'straight' || !router) return computeCoverage(input);
    try {
      return await computeRoadCoverage(input, router);
    } catch {
      throw new AppError('network.coverage.road_unavailable', 503);
    }
  };
  const { points, serviceCodes } = await options.cache.get();
  const service = options.service || undefined;
  if (service && !serviceCodes.has(service)) throw new AppError('common.invalid_input', 400, {}, { service: 'network.unknown_service' });
  const offering = points.filter((p) => isOwnPoint(p) && p.status !== 'closed' && (!service || p.services.has(service)));
  const sites: CoverageSite[] = offering.map((p) => ({ id: p.id, latitude: p.latitude, longitude: p.longitude, provinceCode: p.provinceCode, active: isServing(p) }));
  const communities = listCanadianPlaces();
  const base = { communities, radiusKm: options.radiusKm, beyondReachLimit: options.beyondReachLimit ?? 50 };
  const today = await measure({ ...base, sites });
  if (!hasScenario(options.scenario)) return { radiusKm: options.radiusKm, distance, service: service ?? null, today, comparison: null };

  const idOf = new Map(offering.flatMap((p) => [[p.externalId, p.id], [p.code, p.id]] as [string, string][]));
  const resolve = (refs: string[] | undefined, field: string) =>
    (refs ?? []).map((ref) => {
      const id = idOf.get(ref) ?? idOf.get(ref.toUpperCase());
      if (!id) throw new AppError('network.coverage.unknown_site', 400, { site: ref }, { [field]: 'network.coverage.unknown_site_field' });
      return id;
    });
  const scenarioSites = applyScenario(sites, {
    suspend: resolve(options.scenario?.suspend, 'suspend'),
    remove: resolve(options.scenario?.remove, 'remove'),
    add: (options.scenario?.add ?? []).map((a, i) => ({ id: `scenario-${i + 1}`, latitude: a.latitude, longitude: a.longitude, provinceCode: '', active: true })),
  });
  const comparison = compareCoverage(today, await measure({ ...base, sites: scenarioSites }));
  return { radiusKm: options.radiusKm, distance, service: service ?? null, today, comparison };
}

/** The analysis as CSV: one row per province, then the communities beyond reach. */
export function coverageToCsv(analysis: CoverageAnalysis): string {
  const result = analysis.comparison?.scenario ?? analysis.today;
  const rows: (string | number)[][] = [['section', 'province', 'community', 'population', 'population_covered', 'share', 'nearest_site_km']];
  for (const p of result.byProvince) rows.push(['province', p.provinceCode, '', p.populationTotal, p.populationCovered, p.share, '']);
  rows.push(['total', '', '', result.populationTotal, result.populationCovered, result.share, '']);
  for (const c of result.beyondReach) rows.push(['beyond_reach', c.provinceCode, c.name, c.population, 0, 0, c.nearestSiteKm ?? '']);
  return stringify(rows);
}

/** "45.5,-73.6; 46.8,-71.2" → coordinates; anything unreadable is a field error. */
export function parseAddedSites(value: string): { latitude: number; longitude: number }[] {
  return value
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [lat, lon] = part.split(',').map((n) => Number(n.trim()));
      if (lat === undefined || lon === undefined || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
        throw new AppError('common.invalid_input', 400, {}, { add: 'network.coverage.add_invalid' });
      }
      return { latitude: lat, longitude: lon };
    });
}

export const parseSiteList = (value: string | undefined) => (value ?? '').split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean).slice(0, 200);

/** Pairs of nearby sites of different jurisdictions, and co-location counts by partner type. */
export async function findCollaborationOpportunities(options: { db: Db; cache: PointCache; maxKm: number }) {
  const { points } = await options.cache.get();
  const pairs = findCollaborationPairs(points, options.maxKm);
  const colocations = await repo.countColocations(options.db);
  const combinations = new Map<string, number>();
  for (const row of colocations) {
    const key = `${row.jurisdiction}-${row.partner_type}`;
    combinations.set(key, (combinations.get(key) ?? 0) + Number(row.count));
  }
  return {
    maxKm: options.maxKm,
    assumptions: { clientsPerCounterYear: CLIENTS_PER_COUNTER_YEAR },
    pairs: pairs.map(({ a, b, distanceKm }) => ({ distanceKm, a: describe(a), b: describe(b) })),
    colocation: [...combinations.entries()].map(([combination, count]) => ({ combination, count })).sort((x, y) => y.count - x.count),
  };
}

const describe = (p: IndexedPoint) => ({
  id: p.id,
  externalId: p.externalId,
  nameEn: p.nameEn,
  nameFr: p.nameFr,
  jurisdiction: p.jurisdiction,
  partner: p.partnerName,
  province: p.provinceCode,
  yearlyVolume: p.yearlyVolume,
  counters: p.counters,
  spareCapacity: spareCapacity(p),
});

/** Outreach sites active, suspended and reactivated per week, against the plan. */
export async function trackReactivation(options: { db: Db; from: string; to: string }) {
  const [events, plan] = await Promise.all([repo.listStatusEventsOfType(options.db, 'outreach_site'), repo.listReactivationPlan(options.db)]);
  return weeklyReactivation({
    events: events.map((e) => ({ servicePointId: e.service_point_id, status: e.status, effectiveOn: e.effective_on })),
    plan: new Map(plan.map((p) => [p.week_start, p.planned_active])),
    from: options.from,
    to: options.to,
  });
}

/**
 * Population coverage of the network: who lives within a straight-line radius of an active service point,
 * by province, and the largest communities left beyond reach; plus what-if scenarios (open, close or
 * suspend sites) compared with today. Pure: sites and communities come in, numbers go out.
 *
 * Straight lines are the default: they need no service, and a Gatineau office does serve Ottawa. With
 * a routing engine configured, `computeRoadCoverage` measures by road instead (still not a travel time).
 */
import { assertCoordinates, createPointIndex, distanceKm } from './geo.js';
import type { RoutingEngine } from './routing.js';

export interface CoverageSite { id: string; latitude: number; longitude: number; provinceCode: string; active: boolean }
export interface Community {
  id: number | string; name: string; provinceCode: string; population: number; latitude: number; longitude: number;
}
export interface CoverageOptions {
  sites: readonly CoverageSite[];
  communities: readonly Community[];
  radiusKm: number;
  /** How many uncovered communities to list, largest first (default 50; 0 lists none). */
  beyondReachLimit?: number;
}
export interface ProvinceCoverage { provinceCode: string; populationCovered: number; populationTotal: number; share: number }
export interface BeyondReach {
  id: number | string; name: string; provinceCode: string; population: number;
  /** Km to the nearest active site (by road when measured so and known, else straight-line), to 0.01 km; null when none. */
  nearestSiteKm: number | null;
}
export interface Coverage {
  populationCovered: number;
  populationTotal: number;
  /** populationCovered / populationTotal, 0 to 1 to 4 decimals (0 when nobody lives in the list). */
  share: number;
  /** Every province or territory present in the communities, by code. */
  byProvince: ProvinceCoverage[];
  beyondReach: BeyondReach[];
}
export interface ScenarioChanges { add?: readonly CoverageSite[]; remove?: readonly string[]; suspend?: readonly string[] }
export interface CoverageComparison {
  today: Coverage;
  scenario: Coverage;
  /** Scenario minus today: positive when the scenario reaches more people. */
  delta: { populationCovered: number; share: number };
}

export const DEFAULT_BEYOND_REACH_LIMIT = 50;

/** Distance in km from a community to the nearest active site, or null when there is none. */
type NearestSiteKm = (community: Community) => number | null;

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const shareOf = (covered: number, total: number): number => (total > 0 ? round4(covered / total) : 0);

function validate({ communities, radiusKm, beyondReachLimit }: CoverageOptions): void {
  if (!(radiusKm >= 0 && Number.isFinite(radiusKm))) throw new RangeError(`radiusKm must be a finite number of km, 0 or more, got ${radiusKm}`);
  if (beyondReachLimit !== undefined && !(Number.isInteger(beyondReachLimit) && beyondReachLimit >= 0)) {
    throw new RangeError(`beyondReachLimit must be a whole number, 0 or more, got ${beyondReachLimit}`);
  }
  for (const c of communities) {
    assertCoordinates(c, `community ${c.id}`);
    if (!(c.population >= 0 && Number.isFinite(c.population))) {
      throw new RangeError(`community ${c.id}: population must be 0 or more, got ${c.population}`);
    }
  }
}

// Largest first; name then id only make equal populations come out in the same order every time.
function byPopulation(a: BeyondReach, b: BeyondReach): number {
  if (a.population !== b.population) return b.population - a.population;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  const [x, y] = [String(a.id), String(b.id)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The tally shared by the indexed and the brute-force computations: only the nearest-site lookup differs. */
function tally(options: CoverageOptions, nearestSiteKm: NearestSiteKm): Coverage {
  const provinces = new Map<string, { covered: number; total: number }>();
  const beyond: BeyondReach[] = [];
  let [covered, total] = [0, 0];
  for (const c of options.communities) {
    const km = nearestSiteKm(c);
    const reached = km !== null && km <= options.radiusKm;
    const province = provinces.get(c.provinceCode) ?? { covered: 0, total: 0 };
    provinces.set(c.provinceCode, province);
    province.total += c.population;
    total += c.population;
    if (reached) {
      province.covered += c.population;
      covered += c.population;
    } else {
      beyond.push({ id: c.id, name: c.name, provinceCode: c.provinceCode, population: c.population, nearestSiteKm: km === null ? null : round2(km) });
    }
  }
  const byProvince = [...provinces]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([provinceCode, p]) => ({ provinceCode, populationCovered: p.covered, populationTotal: p.total, share: shareOf(p.covered, p.total) }));
  const limit = options.beyondReachLimit ?? DEFAULT_BEYOND_REACH_LIMIT;
  return { populationCovered: covered, populationTotal: total, share: shareOf(covered, total), byProvince, beyondReach: beyond.sort(byPopulation).slice(0, limit) };
}

/**
 * Coverage by a k-d tree of the active sites, built once per call: one nearest-site query per community,
 * O((n + m) log m) instead of measuring every community against every site.
 */
export function computeCoverage(options: CoverageOptions): Coverage {
  validate(options);
  const index = createPointIndex(options.sites.filter((s) => s.active));
  return tally(options, (c) => index.nearest({ latitude: c.latitude, longitude: c.longitude, limit: 1 })[0]?.distanceKm ?? null);
}

/**
 * Coverage by road: a community is reached when a site is within the radius by road. Roads are never
 * shorter than the straight line, so only the sites within the radius as the crow flies (at most
 * `candidates`, nearest first) are asked about; a community with none is beyond reach without a
 * request. Beyond-reach distances are by road when known, else straight-line.
 */
export async function computeRoadCoverage(options: CoverageOptions, router: RoutingEngine, candidates = 5): Promise<Coverage> {
  validate(options);
  const index = createPointIndex(options.sites.filter((s) => s.active));
  const byRoad = new Map<Community, number | null>();
  const queue = [...options.communities];
  // A few requests at a time: enough to hide latency, not enough to overload a shared server.
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const near = index.nearest({ latitude: c.latitude, longitude: c.longitude, limit: candidates, maxKm: options.radiusKm });
      if (near.length === 0) {
        byRoad.set(c, index.nearest({ latitude: c.latitude, longitude: c.longitude, limit: 1 })[0]?.distanceKm ?? null);
        continue;
      }
      const km = (await router.distancesKm(c, near.map((n) => n.point))).filter((d): d is number => d !== null);
      byRoad.set(c, km.length > 0 ? Math.min(...km) : Infinity);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return tally(options, (c) => {
    const km = byRoad.get(c) ?? null;
    return km === Infinity ? null : km;
  });
}

/** The same answer by measuring every community against every active site (O(n·m)): oracle and benchmark baseline. */
export function bruteForceCoverage(options: CoverageOptions): Coverage {
  validate(options);
  const active = options.sites.filter((s) => s.active);
  for (const s of active) assertCoordinates(s, `point ${s.id}`);
  return tally(options, (c) => {
    let best: number | null = null;
    for (const s of active) {
      const km = distanceKm(c, s);
      if (best === null || km < best) best = km;
    }
    return best;
  });
}

function assertKnown(sites: readonly CoverageSite[], ids: readonly string[], change: string): void {
  const known = new Set(sites.map((s) => s.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new RangeError(`cannot ${change} unknown site(s): ${unknown.join(', ')}`);
}

/**
 * A what-if network: removals first, then suspensions (kept but inactive), then additions. Moving a site is
 * removing it and adding it back with its new coordinates. Unknown or duplicate ids throw a RangeError rather
 * than silently describing another network. The input list is left untouched.
 */
export function applyScenario(sites: readonly CoverageSite[], changes: ScenarioChanges): CoverageSite[] {
  const { add = [], remove = [], suspend = [] } = changes;
  assertKnown(sites, remove, 'remove');
  assertKnown(sites, suspend, 'suspend');
  const removed = new Set(remove);
  const suspended = new Set(suspend);
  const kept = sites.filter((s) => !removed.has(s.id)).map((s) => (suspended.has(s.id) ? { ...s, active: false } : s));
  const taken = new Set(kept.map((s) => s.id));
  for (const site of add) {
    if (taken.has(site.id)) throw new RangeError(`cannot add site ${site.id}: that id is already in the network (remove it first to move it)`);
    taken.add(site.id);
  }
  return [...kept, ...add];
}

export function compareCoverage(today: Coverage, scenario: Coverage): CoverageComparison {
  return {
    today,
    scenario,
    delta: {
      populationCovered: scenario.populationCovered - today.populationCovered,
      // Both shares are already rounded; rounding again removes the floating-point dust of the subtraction.
      share: round4(scenario.share - today.share),
    },
  };
}

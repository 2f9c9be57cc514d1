import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { bruteForceNearest, createPointIndex, distanceKm, type GeoPoint } from './geo.js';

interface Site extends GeoPoint { services: readonly string[] }

// Canada's bounding box, roughly: where the real queries fall.
function randomSites(seed: number, count: number): Site[] {
  const rng = xoroshiro128plus(seed);
  const between = (low: number, high: number): number => low + (high - low) * uniformFloat64(rng);
  return Array.from({ length: count }, (_, i) => ({
    id: `site-${i}`, latitude: between(41.7, 83.1), longitude: between(-141, -52.6),
    services: uniformFloat64(rng) < 0.3 ? ['passport', 'sin'] : ['sin'],
  }));
}

const ids = (found: readonly { point: GeoPoint }[]): string[] => found.map((n) => n.point.id);
const OTTAWA = { latitude: 45.4215, longitude: -75.6972 };
const MONTREAL = { latitude: 45.5019, longitude: -73.5674 };

test('Ottawa to Montréal is about 166 km, the same both ways', () => {
  const km = distanceKm(OTTAWA, MONTREAL);
  assert.ok(Math.abs(km - 166) <= 2, `${km}`);
  assert.ok(Math.abs(distanceKm(MONTREAL, OTTAWA) - km) < 1e-9);
  assert.equal(distanceKm(OTTAWA, OTTAWA), 0);
});

test('the index finds the same nearest sites as measuring every site (seeded random data)', () => {
  const sites = randomSites(42, 5_000);
  const index = createPointIndex(sites);
  const queries = randomSites(7, 300);
  for (const { latitude, longitude } of queries) {
    for (const query of [{ latitude, longitude, limit: 10 }, { latitude, longitude, limit: 3, maxKm: 150 }]) {
      const indexed = index.nearest(query);
      const brute = bruteForceNearest(sites, query);
      assert.deepEqual(ids(indexed), ids(brute));
      assert.deepEqual(indexed.map((n) => n.distanceKm), brute.map((n) => n.distanceKm));
    }
  }
});

test('the index agrees with brute force on any points, duplicates included (property)', () => {
  const coordinate = fc.record({
    latitude: fc.double({ min: -90, max: 90, noNaN: true }),
    longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  });
  fc.assert(fc.property(
    fc.array(coordinate, { maxLength: 300 }), coordinate, fc.integer({ min: 1, max: 100 }),
    (coordinates, query, limit) => {
      const points = coordinates.map((c, i) => ({ id: String(i), ...c }));
      const indexed = createPointIndex(points).nearest({ ...query, limit });
      const brute = bruteForceNearest(points, { ...query, limit });
      // With equal distances either point may be kept at the cut-off: the distances must match exactly.
      assert.deepEqual(indexed.map((n) => n.distanceKm), brute.map((n) => n.distanceKm));
      for (const n of indexed) assert.equal(n.distanceKm, distanceKm(query, n.point));
    },
  ), { seed: 2023, numRuns: 300 });
});

test('results come nearest first with their distance', () => {
  const sites = randomSites(1, 2_000);
  const found = createPointIndex(sites).nearest({ ...OTTAWA, limit: 20 });
  assert.equal(found.length, 20);
  for (let i = 1; i < found.length; i++) assert.ok(found[i - 1]!.distanceKm <= found[i]!.distanceKm);
});

test('a filter keeps only the sites that offer a service', () => {
  const sites = randomSites(3, 3_000);
  const offersPassport = (s: Site): boolean => s.services.includes('passport');
  const query = { ...MONTREAL, limit: 8, filter: offersPassport };
  const found = createPointIndex(sites).nearest(query);
  assert.equal(found.length, 8);
  assert.ok(found.every((n) => offersPassport(n.point)));
  assert.deepEqual(ids(found), ids(bruteForceNearest(sites, query)));
  // The filter made a difference: without it, closer sites that do not offer passports come first.
  const unfiltered = createPointIndex(sites).nearest({ ...MONTREAL, limit: 8 });
  assert.ok(unfiltered.some((n) => !offersPassport(n.point)));
  assert.ok(unfiltered[0]!.distanceKm <= found[0]!.distanceKm);
});

test('within returns every site in the radius, nearest first, and honours the filter', () => {
  const sites = randomSites(5, 4_000);
  const index = createPointIndex(sites);
  const inside = (s: Site): boolean => distanceKm(OTTAWA, s) <= 250;
  const found = index.within({ ...OTTAWA, radiusKm: 250 });
  assert.deepEqual(new Set(ids(found)), new Set(sites.filter(inside).map((s) => s.id)));
  assert.ok(found.length > 0 && found.every((n, i) => i === 0 || found[i - 1]!.distanceKm <= n.distanceKm));
  const passport = index.within({ ...OTTAWA, radiusKm: 250, filter: (s) => s.services.includes('passport') });
  assert.deepEqual(ids(passport), ids(found).filter((id) => sites.find((s) => s.id === id)!.services.includes('passport')));
  assert.deepEqual(index.within({ ...OTTAWA, radiusKm: 0 }), []);
});

test('maxKm cuts the nearest list short', () => {
  const sites = [
    { id: 'montreal', ...MONTREAL },
    { id: 'gatineau', latitude: 45.4765, longitude: -75.7013 },
  ];
  const index = createPointIndex(sites);
  assert.deepEqual(ids(index.nearest({ ...OTTAWA, limit: 5, maxKm: 50 })), ['gatineau']);
  assert.deepEqual(ids(index.nearest({ ...OTTAWA, limit: 5 })), ['gatineau', 'montreal']);
});

test('an empty point list answers with empty lists', () => {
  const index = createPointIndex<GeoPoint>([]);
  assert.equal(index.size, 0);
  assert.deepEqual(index.nearest({ ...OTTAWA, limit: 5 }), []);
  assert.deepEqual(index.within({ ...OTTAWA, radiusKm: 1_000 }), []);
  assert.deepEqual(bruteForceNearest([], { ...OTTAWA, limit: 5 }), []);
});

test('the index keeps its own copy of the point list', () => {
  const sites: GeoPoint[] = [{ id: 'a', ...OTTAWA }];
  const index = createPointIndex(sites);
  sites.push({ id: 'b', ...OTTAWA });
  assert.deepEqual(ids(index.nearest({ ...OTTAWA, limit: 5 })), ['a']);
});

test('bad queries and points throw a RangeError saying what is wrong', () => {
  const index = createPointIndex(randomSites(9, 10));
  const bad: [object, RegExp][] = [
    [{ latitude: 90.5, longitude: 0, limit: 1 }, /latitude must be between -90 and 90/],
    [{ latitude: Number.NaN, longitude: 0, limit: 1 }, /latitude/],
    [{ latitude: 0, longitude: -180.01, limit: 1 }, /longitude must be between -180 and 180/],
    [{ latitude: 0, longitude: 0, limit: 0 }, /limit must be a whole number from 1 to 100/],
    [{ latitude: 0, longitude: 0, limit: 101 }, /limit/],
    [{ latitude: 0, longitude: 0, limit: 2.5 }, /limit/],
    [{ latitude: 0, longitude: 0, limit: 1, maxKm: -1 }, /maxKm must be zero or more/],
  ];
  for (const [query, message] of bad) {
    assert.throws(() => index.nearest(query as never), (e: unknown) => e instanceof RangeError && message.test(e.message));
    assert.throws(() => bruteForceNearest([], query as never), RangeError);
  }
  assert.throws(() => index.within({ latitude: 0, longitude: 0, radiusKm: Number.NaN }), /radiusKm/);
  assert.throws(() => index.within({ latitude: -91, longitude: 0, radiusKm: 1 }), /latitude/);
  assert.throws(() => createPointIndex([{ id: 'x', latitude: 0, longitude: 200 }]), /point x: longitude/);
  // The edges themselves are valid.
  assert.doesNotThrow(() => index.nearest({ latitude: -90, longitude: 180, limit: 100 }));
});

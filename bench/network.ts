/**
 * Spatial benchmarks of the network module, registered in bench/run.ts: the k-d tree against measuring
 * every point, for nearest-site search and for population coverage. Each is checked to give the same
 * answer as its baseline before it is timed, so a fast wrong index cannot pass.
 */
import { isDeepStrictEqual } from 'node:util';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import {
  bruteForceCoverage,
  bruteForceNearest,
  computeCoverage,
  createPointIndex,
  generateDemoNetwork,
  listCanadianPlaces,
  type CoverageOptions,
  type GeoPoint,
  type NearestQuery,
} from '../src/modules/network/index.js';

export interface BenchResult {
  name: string;
  figure: number;
  unit: string;
  baseline: { name: string; figure: number };
  ratio: number;
  detail: Record<string, number | string>;
}

const POINTS = 100_000;
const QUERIES = 2_000;
const CHECKED_QUERIES = 50;
const LIMIT = 5;
const COVERAGE_RUNS = 5;
const RADIUS_KM = 50;

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Uniform over Canada's bounding box (41.7–83.1 °N, 141–52.6 °W): denser than real life in the north, fine for timing. */
function randomPoints(seed: number, count: number): GeoPoint[] {
  const rng = xoroshiro128plus(seed);
  const between = (low: number, high: number): number => low + (high - low) * uniformFloat64(rng);
  return Array.from({ length: count }, (_, i) => ({ id: `p${i}`, latitude: between(41.7, 83.1), longitude: between(-141, -52.6) }));
}

/** Mean microseconds per query; the id count is folded into a sink so no call can be optimised away. */
function meanQueryMicros(queries: readonly NearestQuery<GeoPoint>[], search: (q: NearestQuery<GeoPoint>) => unknown[]): number {
  let sink = 0;
  const start = performance.now();
  for (const query of queries) sink += search(query).length;
  const elapsed = performance.now() - start;
  if (sink !== queries.length * LIMIT) throw new Error(`expected ${LIMIT} results a query, got ${sink / queries.length}`);
  return (elapsed * 1000) / queries.length;
}

export async function nearestIndexVersusBruteForce(): Promise<BenchResult> {
  const points = randomPoints(2023, POINTS);
  const queries = randomPoints(7, QUERIES).map(({ latitude, longitude }) => ({ latitude, longitude, limit: LIMIT }));
  const buildStart = performance.now();
  const index = createPointIndex(points);
  const buildMs = performance.now() - buildStart;
  const ids = (found: readonly { point: GeoPoint }[]): string => found.map((n) => n.point.id).join();
  for (const [i, query] of queries.slice(0, CHECKED_QUERIES).entries()) {
    const [indexed, brute] = [ids(index.nearest(query)), ids(bruteForceNearest(points, query))];
    if (indexed !== brute) throw new Error(`query ${i}: index found ${indexed}, brute force ${brute}`);
  }
  meanQueryMicros(queries.slice(0, 200), (q) => index.nearest(q)); // warm-up of the JIT
  const indexedMicros = meanQueryMicros(queries, (q) => index.nearest(q));
  const bruteMicros = meanQueryMicros(queries, (q) => bruteForceNearest(points, q));
  return {
    name: 'nearest-5-of-100k-indexed',
    figure: round(indexedMicros, 2),
    unit: 'µs/query',
    baseline: { name: 'nearest-5-of-100k-brute-force', figure: round(bruteMicros, 1) },
    ratio: round(bruteMicros / indexedMicros, 1),
    detail: {
      points: POINTS, queries: QUERIES, limit: LIMIT,
      checkedQueries: CHECKED_QUERIES, indexBuildMs: round(buildMs, 1),
    },
  };
}

/** Median milliseconds over `runs` calls, after one warm-up call. */
function medianMs(runs: number, compute: () => unknown): number {
  compute();
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    compute();
    return performance.now() - start;
  });
  return median(times);
}

export async function coverageOfEveryCommunity(): Promise<BenchResult> {
  const communities = listCanadianPlaces();
  const sites = generateDemoNetwork().map((p) => ({
    id: p.code, latitude: p.latitude, longitude: p.longitude, provinceCode: p.provinceCode, active: true,
  }));
  const options: CoverageOptions = { sites, communities, radiusKm: RADIUS_KM };
  const coverage = computeCoverage(options);
  if (!isDeepStrictEqual(coverage, bruteForceCoverage(options))) throw new Error('indexed and brute-force coverage differ');
  const indexedMs = medianMs(COVERAGE_RUNS, () => computeCoverage(options));
  const bruteMs = medianMs(COVERAGE_RUNS, () => bruteForceCoverage(options));
  return {
    name: 'coverage-every-community-indexed',
    figure: round(indexedMs, 2),
    unit: 'ms/computation',
    baseline: { name: 'coverage-every-community-brute-force', figure: round(bruteMs, 2) },
    ratio: round(bruteMs / indexedMs, 1),
    detail: {
      communities: communities.length, sites: sites.length, radiusKm: RADIUS_KM, runs: COVERAGE_RUNS,
      populationCovered: coverage.populationCovered, populationTotal: coverage.populationTotal, share: coverage.share,
    },
  };
}

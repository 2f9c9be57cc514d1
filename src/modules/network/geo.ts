/**
 * Nearest-site and within-radius search on the sphere. Pure: no database, no I/O. The spatial index is
 * kdbush (a static k-d tree) queried by geokdbush, whose great-circle distance is the one used everywhere
 * here, so the index, the brute-force oracle and `distanceKm` always agree to the last bit.
 *
 * Bad input throws a plain RangeError: this layer knows nothing of HTTP, callers translate it.
 */
import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';

export interface GeoPoint { id: string; latitude: number; longitude: number }
export interface Coordinates { latitude: number; longitude: number }
export interface NearestQuery<T> extends Coordinates {
  /** How many points at most, 1 to 100. */
  limit: number;
  /** Ignore points further than this (kilometres, inclusive). */
  maxKm?: number;
  filter?: (point: T) => boolean;
}
export interface WithinQuery<T> extends Coordinates { radiusKm: number; filter?: (point: T) => boolean }
/** Distances are exact, not rounded: coverage compares them to a radius; round when displaying. */
export interface Neighbour<T> { point: T; distanceKm: number }
export interface PointIndex<T> {
  readonly size: number;
  /** The closest points, nearest first; equal distances in input order (at the cut-off, either may be kept). */
  nearest(query: NearestQuery<T>): Neighbour<T>[];
  /** Every point within the radius (inclusive), nearest first. */
  within(query: WithinQuery<T>): Neighbour<T>[];
}

export const MAX_LIMIT = 100;

/** Throws a RangeError naming `what` unless latitude is in [-90, 90] and longitude in [-180, 180]. */
export function assertCoordinates({ latitude, longitude }: Coordinates, what: string): void {
  if (!(latitude >= -90 && latitude <= 90)) throw new RangeError(`${what}: latitude must be between -90 and 90, got ${latitude}`);
  if (!(longitude >= -180 && longitude <= 180)) {
    throw new RangeError(`${what}: longitude must be between -180 and 180, got ${longitude}`);
  }
}

function assertNearestQuery<T>(query: NearestQuery<T>): void {
  assertCoordinates(query, 'query');
  const { limit, maxKm } = query;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new RangeError(`query: limit must be a whole number from 1 to ${MAX_LIMIT}, got ${limit}`);
  }
  if (maxKm !== undefined) assertDistance(maxKm, 'maxKm');
}

function assertDistance(km: number, name: string): void {
  // NaN fails both comparisons, so it is refused too; Infinity is a legitimate "no limit".
  if (!(km >= 0)) throw new RangeError(`query: ${name} must be zero or more kilometres, got ${km}`);
}

/** Great-circle distance in kilometres (spherical Earth, radius 6371 km: within 0.5 % of the ellipsoid). */
export function distanceKm(from: Coordinates, to: Coordinates): number {
  // Argument order matters for bit-exact agreement: geokdbush measures from the query point.
  return distance(from.longitude, from.latitude, to.longitude, to.latitude);
}

// Sorting by distance then by input position makes ties come out the same from the index and from brute force.
interface Ranked { position: number; distanceKm: number }
const byDistance = (a: Ranked, b: Ranked): number => a.distanceKm - b.distanceKm || a.position - b.position;

function toNeighbours<T>(points: readonly T[], ranked: readonly Ranked[]): Neighbour<T>[] {
  return ranked.map((r) => ({ point: points[r.position] as T, distanceKm: r.distanceKm }));
}

/** Builds the index once (O(n log n)); queries then cost about O(log n + results). The point list is copied. */
export function createPointIndex<T extends GeoPoint>(input: readonly T[]): PointIndex<T> {
  const points = [...input];
  for (const p of points) assertCoordinates(p, `point ${p.id}`);
  // kdbush cannot hold zero items usefully and geokdbush assumes a non-empty tree: answer empty lists ourselves.
  const index = points.length > 0 ? new KDBush(points.length) : null;
  if (index) {
    for (const p of points) index.add(p.longitude, p.latitude);
    index.finish();
  }
  const search = (query: Coordinates, limit: number, maxKm: number | undefined, filter?: (point: T) => boolean): Neighbour<T>[] => {
    if (!index) return [];
    const predicate = filter ? (position: number): boolean => filter(points[position] as T) : undefined;
    const ranked = around(index, query.longitude, query.latitude, limit, maxKm, predicate)
      .map((position) => ({ position, distanceKm: distanceKm(query, points[position] as T) }));
    return toNeighbours(points, ranked.sort(byDistance));
  };
  return {
    size: points.length,
    nearest(query) {
      assertNearestQuery(query);
      return search(query, query.limit, query.maxKm, query.filter);
    },
    within(query) {
      assertCoordinates(query, 'query');
      assertDistance(query.radiusKm, 'radiusKm');
      return search(query, Infinity, query.radiusKm, query.filter);
    },
  };
}

/**
 * The same answer as `createPointIndex(points).nearest(query)` by measuring every point: the test oracle and
 * the benchmark baseline. Keeps only the best `limit` in a small sorted buffer (O(n·limit), no full sort),
 * which is the fair way to do it without an index.
 */
export function bruteForceNearest<T extends GeoPoint>(points: readonly T[], query: NearestQuery<T>): Neighbour<T>[] {
  assertNearestQuery(query);
  const { limit, maxKm = Infinity, filter } = query;
  const best: Ranked[] = [];
  for (let position = 0; position < points.length; position++) {
    const point = points[position] as T;
    if (filter && !filter(point)) continue;
    const candidate = { position, distanceKm: distanceKm(query, point) };
    if (candidate.distanceKm > maxKm) continue;
    if (best.length === limit && byDistance(candidate, best[limit - 1] as Ranked) >= 0) continue;
    let at = best.length;
    while (at > 0 && byDistance(candidate, best[at - 1] as Ranked) < 0) at--;
    best.splice(at, 0, candidate);
    if (best.length > limit) best.pop();
  }
  return toNeighbours(points, best);
}

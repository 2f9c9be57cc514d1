/**
 * Collaboration opportunities (seed 003): service points of different jurisdictions close to each
 * other, with their volumes and spare capacity, are where co-location or shared space could serve
 * clients better. Pure: works on the points of the spatial index.
 */
import { createPointIndex } from './geo.js';
import type { IndexedPoint } from './point-cache.js';

/**
 * Yearly capacity of one counter: about 7 clients an hour, 7.5 hours a day, 250 working days.
 * An assumption, named here so that it can be changed in one place and read in the API docs.
 */
export const CLIENTS_PER_COUNTER_YEAR = 7 * 7.5 * 250;

export const spareCapacity = (point: Pick<IndexedPoint, 'counters' | 'yearlyVolume'>): number | null =>
  point.counters > 0 && point.yearlyVolume !== null ? Math.max(0, Math.round(point.counters * CLIENTS_PER_COUNTER_YEAR - point.yearlyVolume)) : null;

export interface CollaborationPair {
  a: IndexedPoint;
  b: IndexedPoint;
  distanceKm: number;
}

/** Every pair of serving points of different jurisdictions within maxKm, closest first. */
export function findCollaborationPairs(points: readonly IndexedPoint[], maxKm: number, limit = 500): CollaborationPair[] {
  const serving = points.filter((p) => p.status !== 'closed');
  const index = createPointIndex(serving);
  const pairs: CollaborationPair[] = [];
  for (const a of serving) {
    for (const { point: b, distanceKm } of index.within({ latitude: a.latitude, longitude: a.longitude, radiusKm: maxKm, filter: (p) => p.jurisdiction !== a.jurisdiction })) {
      // Each pair once: keep it from the side with the smaller id.
      if (a.id < b.id) pairs.push({ a, b, distanceKm: Math.round(distanceKm * 100) / 100 });
    }
  }
  return pairs.sort((x, y) => x.distanceKm - y.distanceKm || x.a.id.localeCompare(y.a.id)).slice(0, limit);
}

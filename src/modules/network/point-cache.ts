/**
 * The spatial index of service points, kept in memory by each process as a cache: it is rebuilt
 * when any process announces a network change on the event bus, and at the latest after a TTL,
 * so several stateless processes never serve a stale network for long.
 */
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/db/event-bus.js';
import type { Jurisdiction, ServicePointStatus, ServicePointType } from '../../platform/db/tables.js';
import { createPointIndex, type GeoPoint, type PointIndex } from './geo.js';
import * as repo from './network.repo.js';

export interface IndexedPoint extends GeoPoint {
  externalId: string;
  code: string;
  nameEn: string;
  nameFr: string;
  type: ServicePointType;
  city: string;
  provinceCode: string;
  status: ServicePointStatus;
  jurisdiction: Jurisdiction;
  timeZone: string;
  counters: number;
  yearlyVolume: number | null;
  partnerName: string | null;
  services: ReadonlySet<string>;
}

/** Sites that serve clients now: closed, suspended and temporarily closed sites do not. */
export const isServing = (point: IndexedPoint) => point.status === 'open' || point.status === 'reactivated';

/** The network's own points (not a partner layer of another government). */
export const isOwnPoint = (point: IndexedPoint) => point.jurisdiction === 'federal';

export interface CachedNetwork {
  points: readonly IndexedPoint[];
  index: PointIndex<IndexedPoint>;
  /** The service catalogue's codes, so a search validates its filter without a query. */
  serviceCodes: ReadonlySet<string>;
}

export interface PointCache {
  get(): Promise<CachedNetwork>;
  invalidate(): void;
  close(): Promise<void>;
}

export async function createPointCache(options: { db: Db; bus: EventBus; topic: string; ttlMs?: number; now?: () => number }): Promise<PointCache> {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let loaded: { at: number; value: Promise<CachedNetwork> } | undefined;

  const load = async (): Promise<CachedNetwork> => {
    const [rows, services] = await Promise.all([repo.listPointsForIndex(options.db), repo.listServices(options.db)]);
    const points: IndexedPoint[] = rows.map((row) => ({
      id: row.id,
      externalId: row.external_id,
      code: row.code,
      nameEn: row.name_en,
      nameFr: row.name_fr,
      type: row.type,
      city: row.city,
      provinceCode: row.province_code,
      status: row.status,
      jurisdiction: row.jurisdiction,
      timeZone: row.time_zone,
      counters: row.counters,
      yearlyVolume: row.yearly_volume,
      partnerName: row.partner_name,
      latitude: row.latitude,
      longitude: row.longitude,
      services: new Set((row.services ?? '').split(';').filter(Boolean)),
    }));
    return { points, index: createPointIndex(points), serviceCodes: new Set(services.map((s) => s.code)) };
  };

  const forget = () => {
    loaded = undefined;
  };
  const unsubscribe = await options.bus.subscribe(options.topic, forget, forget);
  return {
    get() {
      if (!loaded || now() - loaded.at > ttl) {
        const value = load();
        loaded = { at: now(), value };
        value.catch(() => (loaded = undefined));
      }
      return loaded.value;
    },
    invalidate() {
      loaded = undefined;
    },
    close: unsubscribe,
  };
}

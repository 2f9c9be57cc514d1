/**
 * Road distances for the coverage analysis, behind an interface: straight lines are the default
 * (no service needed); a deployment with an OSRM server (`ROUTING_URL`, OSRM's HTTP API v1, the
 * `table` service) gets distances by road instead.
 */
import type { GeoPoint } from './geo.js';

export interface RoutingEngine {
  /** Road km from `from` to each of `to`, in order; null where no route exists. Throws when the engine cannot answer. */
  distancesKm(from: Pick<GeoPoint, 'latitude' | 'longitude'>, to: readonly Pick<GeoPoint, 'latitude' | 'longitude'>[]): Promise<(number | null)[]>;
}

const coordinate = (p: { latitude: number; longitude: number }) => `${p.longitude.toFixed(5)},${p.latitude.toFixed(5)}`;

export function createOsrmRouting(options: { url: string; profile?: string; timeoutMs?: number; fetch?: typeof fetch }): RoutingEngine {
  const fetchFn = options.fetch ?? fetch;
  const base = options.url.endsWith('/') ? options.url : `${options.url}/`;
  return {
    async distancesKm(from, to) {
      if (to.length === 0) return [];
      const url = new URL(`table/v1/${options.profile ?? 'driving'}/${[from, ...to].map(coordinate).join(';')}`, base);
      url.search = new URLSearchParams({ sources: '0', annotations: 'distance' }).toString();
      const response = await fetchFn(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      const body = (await response.json().catch(() => ({}))) as { code?: string; distances?: (number | null)[][] };
      const row = body.distances?.[0];
      if (!response.ok || body.code !== 'Ok' || !row || row.length !== to.length + 1) throw new Error(`routing engine answered ${response.status} ${body.code ?? ''}`);
      return row.slice(1).map((metres) => (metres === null ? null : Math.round(metres / 10) / 100));
    },
  };
}

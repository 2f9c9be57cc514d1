/**
 * Turning what a person typed into a position, for "find a service point".
 *
 * Offline, two sources ship with the code: community names (GeoNames, `places.ts`) and postal
 * codes, located by their forward sortation area — the first three characters, whose centroid
 * comes from the `zipcodes` package (see data/SOURCES.md). A full postal code is never more
 * precise than its area here, and the page says so.
 *
 * A deployment can add a real geocoder (`GEOCODER_URL`, any server speaking Nominatim's search
 * API, such as a self-hosted Nominatim or Photon's compatible endpoint) for street addresses and
 * places the shipped data does not know; it is asked only when the offline sources have no answer.
 */
import { createRequire } from 'node:module';

export interface GeocodedPosition {
  latitude: number;
  longitude: number;
  /** What to call the position on the results page ("K1A 0B1", "24 Sussex Dr, Ottawa"). */
  label: string;
  provinceCode: string | null;
}

export interface Geocoder {
  geocode(query: string, language: 'en' | 'fr'): Promise<GeocodedPosition | null>;
}

// Canada Post never uses D, F, I, O, Q or U, nor W or Z as a first letter.
const POSTAL_CODE = /^\s*([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])\s*(\d[ABCEGHJ-NPRSTV-Z]\d)?\s*$/i;

/** `k1a0b1` → `{ area: 'K1A', formatted: 'K1A 0B1' }`; null when it is not shaped like a postal code. */
export function parsePostalCode(query: string): { area: string; formatted: string } | null {
  const match = POSTAL_CODE.exec(query);
  if (!match) return null;
  const area = match[1]!.toUpperCase();
  return { area, formatted: match[2] ? `${area} ${match[2].toUpperCase()}` : area };
}

/** The province of a postal code is its first letter, except X, shared by the Northwest Territories and Nunavut. */
const PROVINCE_OF_LETTER: Record<string, string> = {
  A: 'NL', B: 'NS', C: 'PE', E: 'NB', G: 'QC', H: 'QC', J: 'QC', K: 'ON', L: 'ON', M: 'ON', N: 'ON', P: 'ON', R: 'MB', S: 'SK', T: 'AB', V: 'BC', Y: 'YT',
};
const provinceOf = (area: string, state: string) => PROVINCE_OF_LETTER[area[0]!] ?? (/nunavut/i.test(state) ? 'NU' : /northwest/i.test(state) ? 'NT' : null);

interface PostalArea { latitude: number; longitude: number; provinceCode: string | null }
let areas: ReadonlyMap<string, PostalArea> | undefined;

/** The forward sortation areas and their centroids, read once from the package's bundled file. */
export function listPostalAreas(): ReadonlyMap<string, PostalArea> {
  if (areas) return areas;
  type Row = { zip: string; latitude: number; longitude: number; state: string };
  const { codes } = createRequire(import.meta.url)('zipcodes/lib/codesCanada.js') as { codes: Record<string, Row> };
  areas = new Map(Object.values(codes).map((row) => [row.zip.toUpperCase(), { latitude: row.latitude, longitude: row.longitude, provinceCode: provinceOf(row.zip.toUpperCase(), row.state) }]));
  return areas;
}

/** Postal codes, offline: the centroid of the code's forward sortation area. */
export function createPostalCodeGeocoder(): Geocoder {
  return {
    async geocode(query) {
      const parsed = parsePostalCode(query);
      const area = parsed && listPostalAreas().get(parsed.area);
      return area && parsed ? { latitude: area.latitude, longitude: area.longitude, label: parsed.formatted, provinceCode: area.provinceCode } : null;
    },
  };
}

/**
 * A Nominatim-compatible search endpoint (`GET {url}/search?q=…&format=jsonv2&countrycodes=ca`).
 * Failures and slow answers count as "not found": the public search must still answer.
 */
export function createNominatimGeocoder(options: { url: string; timeoutMs?: number; fetch?: typeof fetch }): Geocoder {
  const fetchFn = options.fetch ?? fetch;
  return {
    async geocode(query, language) {
      const url = new URL('search', options.url.endsWith('/') ? options.url : `${options.url}/`);
      url.search = new URLSearchParams({ q: query, format: 'jsonv2', countrycodes: 'ca', limit: '1', addressdetails: '0', 'accept-language': language }).toString();
      try {
        const response = await fetchFn(url, { headers: { accept: 'application/json', 'user-agent': 'Guichet (service point search)' }, signal: AbortSignal.timeout(options.timeoutMs ?? 3000) });
        if (!response.ok) return null;
        const [first] = (await response.json()) as { lat?: string; lon?: string; display_name?: string }[];
        const latitude = Number(first?.lat);
        const longitude = Number(first?.lon);
        if (!first || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
        return { latitude, longitude, label: String(first.display_name ?? query).slice(0, 120), provinceCode: null };
      } catch {
        return null;
      }
    },
  };
}

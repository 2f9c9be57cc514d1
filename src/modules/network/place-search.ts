/**
 * Offline place look-up for "find a service point": a community name, optionally followed by a
 * province or territory ("Kingston, ON", "Saint-Jean-sur-Richelieu QC"), matched without regard
 * to accents, case or punctuation. Exact names first, then names that start with the query;
 * within each, the largest community first.
 */
import type { Place } from './places.js';

const PROVINCES = ['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'];

/** Lower case, no accents, every run of non-letters as one space. */
export function normalizePlaceName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function splitProvince(query: string): { name: string; province: string | undefined } {
  const words = normalizePlaceName(query).split(' ');
  const last = words.at(-1)?.toUpperCase();
  if (words.length > 1 && last && PROVINCES.includes(last)) return { name: words.slice(0, -1).join(' '), province: last };
  return { name: words.join(' '), province: undefined };
}

export interface PlaceSearch {
  search(query: string, limit?: number): Place[];
}

export function createPlaceSearch(places: readonly Place[]): PlaceSearch {
  const entries = places.map((place) => ({ place, key: normalizePlaceName(place.name) }));
  return {
    search(query, limit = 8) {
      const { name, province } = splitProvince(query);
      if (name.length < 2) return [];
      const inProvince = entries.filter((e) => !province || e.place.provinceCode === province);
      const exact = inProvince.filter((e) => e.key === name);
      const prefix = inProvince.filter((e) => e.key !== name && e.key.startsWith(name));
      const byPopulation = (a: { place: Place }, b: { place: Place }) => b.place.population - a.place.population;
      return [...exact.sort(byPopulation), ...prefix.sort(byPopulation)].slice(0, limit).map((e) => e.place);
    },
  };
}

/** "Nearest point offering service S": a query on the in-memory spatial index of serving sites. */
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './network.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { HolidayCalendar } from '../../platform/holidays.js';
import type { Language } from '../../platform/i18n/index.js';
import { localWeekdayAndTime, openingStatus, type OpeningStatus } from './opening.js';
import { outreachOpening, type OutreachVisit } from './outreach.js';
import { listNextVisits } from './outreach.service.js';

const isoWeekdayOf = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
import { parsePostalCode, type GeocodedPosition, type Geocoder } from './geocoder.js';
import { normalizePlaceName, type PlaceSearch } from './place-search.js';
import type { Place } from './places.js';
import { isOwnPoint, isServing, type IndexedPoint, type PointCache } from './point-cache.js';
import { distanceKm } from './geo.js';

export async function findNearestServicePoints(options: {
  db: Db;
  cache: PointCache;
  latitude: number;
  longitude: number;
  service?: string | undefined;
  limit?: number | undefined;
  maxKm?: number | undefined;
}) {
  const service = options.service;
  const { index, serviceCodes } = await options.cache.get();
  if (service && !serviceCodes.has(service)) throw new AppError('common.invalid_input', 400, {}, { service: 'network.unknown_service' });
  const neighbours = index.nearest({
    latitude: options.latitude,
    longitude: options.longitude,
    limit: options.limit ?? 10,
    maxKm: options.maxKm,
    filter: (point) => isOwnPoint(point) && isServing(point) && (!service || point.services.has(service)),
  });
  return neighbours.map(({ point, distanceKm }) => ({ point, distanceKm: Math.round(distanceKm * 100) / 100 }));
}

/** Where the distances are measured from: a community, a postal area's centre, a geocoded address, the browser's position. */
export type SearchOrigin = 'place' | 'postal_area' | 'geocoder' | 'position';

export type FindOutcome =
  | { kind: 'results'; place: Place; origin: SearchOrigin; results: { point: IndexedPoint; distanceKm: number; opening: OpeningStatus; nextVisit?: OutreachVisit | undefined }[] }
  | { kind: 'choose'; places: Place[] }
  | { kind: 'unknown_place' }
  | { kind: 'unknown_postal_code'; postalCode: string };

/**
 * The public search: a postal code or a place name (offline, from the shipped postal areas and
 * communities; then the configured geocoder, if any) and a service; the nearest serving sites with
 * their distance and whether they are open now in their own zone.
 */
export async function findServicePointsNearPlace(options: {
  db: Db;
  cache: PointCache;
  places: PlaceSearch;
  postalCodes: Geocoder;
  geocoder?: Geocoder | undefined;
  clock: Clock;
  holidays: HolidayCalendar;
  language: Language;
  place: string;
  service?: string | undefined;
  limit?: number;
}): Promise<FindOutcome> {
  const postalCode = parsePostalCode(options.place);
  if (postalCode) {
    const area = await options.postalCodes.geocode(options.place, options.language);
    if (!area) return { kind: 'unknown_postal_code', postalCode: postalCode.formatted };
    return resultsNear(options, area, asPlace(area), 'postal_area');
  }
  const matches = options.places.search(options.place);
  const exact = matches.filter((p) => normalizePlaceName(p.name) === normalizePlaceName(options.place.split(',')[0] ?? ''));
  const candidates = exact.length > 0 ? exact : matches;
  if (candidates.length === 0) {
    const found = await options.geocoder?.geocode(options.place, options.language);
    return found ? resultsNear(options, found, asPlace(found), 'geocoder') : { kind: 'unknown_place' };
  }
  if (candidates.length > 1 && new Set(candidates.map((p) => p.provinceCode)).size > 1 && exact.length !== 1) {
    return { kind: 'choose', places: candidates };
  }
  return resultsNear(options, candidates[0]!, candidates[0]!, 'place');
}

const asPlace = (found: GeocodedPosition): Place => ({ id: 0, name: found.label, provinceCode: found.provinceCode ?? '', population: 0, latitude: found.latitude, longitude: found.longitude });

type SearchOptions = { db: Db; cache: PointCache; clock: Clock; holidays: HolidayCalendar; language: Language; service?: string | undefined; limit?: number };

/** The nearest serving sites to a position, each with whether it is open now in its own zone. */
async function resultsNear(options: SearchOptions, position: { latitude: number; longitude: number }, place: Place, origin: SearchOrigin): Promise<FindOutcome> {
  const found = await findNearestServicePoints({ ...options, latitude: position.latitude, longitude: position.longitude, limit: options.limit ?? 10 });
  const hours = await repo.listHoursFor(options.db, found.map((f) => f.point.id));
  const now = options.clock.now();
  // Scheduled outreach sites open on their calendar's days, not every week of their hours.
  const calendars = await listNextVisits({ db: options.db, holidays: options.holidays, now, count: 2, sites: found.filter((f) => f.point.type === 'outreach_site').map((f) => ({ id: f.point.id, timeZone: f.point.timeZone, provinceCode: f.point.provinceCode })) });
  return {
    kind: 'results',
    place,
    origin,
    results: found.map((f) => {
      const visits = calendars.get(f.point.id);
      if (visits) {
        const local = localWeekdayAndTime(now, f.point.timeZone);
        return { ...f, opening: outreachOpening(visits, now, local.date, isoWeekdayOf), nextVisit: visits.find((v) => v.startsAt > now) };
      }
      const own = hours.filter((h) => h.service_point_id === f.point.id).map((h) => ({ weekday: h.weekday, opensAt: h.opens_at, closesAt: h.closes_at }));
      const holidayOn = (date: string) => options.holidays.holidayOn(date, f.point.provinceCode, options.language)?.name ?? null;
      return { ...f, opening: openingStatus(own, f.point.timeZone, now, holidayOn) };
    }),
  };
}

/**
 * "Near me": the browser's position (offered by the person, never stored), named after the
 * nearest shipped community so the answer reads like a place search.
 */
export async function findServicePointsNearPosition(options: SearchOptions & { places: readonly Place[]; latitude: number; longitude: number }): Promise<FindOutcome> {
  let nearest = options.places[0]!;
  let best = Infinity;
  for (const place of options.places) {
    const d = distanceKm(options, place);
    if (d < best) [best, nearest] = [d, place];
  }
  return resultsNear(options, { latitude: options.latitude, longitude: options.longitude }, nearest, 'position');
}

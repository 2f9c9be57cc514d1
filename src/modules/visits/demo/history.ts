/**
 * Deterministic demo history for visit_daily_stats (migrations/0005-visits.sql): a year of daily
 * in-person visits per site, with Service Canada seasonality and waits that follow load per counter.
 * Pure code — no database, no clock, no Math.random — so the seed alone decides the output.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export interface HistorySite {
  id: string; type: string; provinceCode: string; counters: number; yearlyVolume: number;
  /** ISO weekdays 1..7 the site opens */
  openWeekdays: number[];
}
export interface DailyStatsRow {
  service_point_id: string; service_day: string; arrivals: number; served: number; abandoned: number;
  served_within_target: number; mean_wait_minutes: number; p90_wait_minutes: number; mean_service_minutes: number;
}
export interface VisitHistoryOptions {
  sites: HistorySite[];
  /** YYYY-MM-DD, the last day included. */
  endDay: string;
  days?: number;
  seed?: number;
  waitTargetMinutes?: number;
  isHoliday?: (day: string, provinceCode: string) => boolean;
}

type Rng = ReturnType<typeof xoroshiro128plus>;
interface CalendarDay { day: string; weekday: number; season: number }

const DAY_MS = 86_400_000;
// Volumes are yearly, so a site's level is always set over the 365 days ending at endDay, whatever `days` is.
const YEAR_DAYS = 365;
// Mondays and the day after a closure absorb the clients who could not come; Fridays and weekends are quieter.
const WEEKDAY_FACTOR = [0, 1.15, 1, 1, 1, 0.92, 0.85, 0.8];
const AFTER_CLOSURE_FACTOR = 1.15;
// Staffed counter-minutes one counter offers per open day. Centres staff only part of their counters at
// once; outreach and partner desks are staffed the whole session. Calibrated so a typical day of the demo
// network sits near 55 % utilisation and the spring peaks push waits past 40 minutes.
const COUNTER_MINUTES: Readonly<Record<string, number>> = { outreach_site: 360, partnership_site: 540 };
const DEFAULT_COUNTER_MINUTES = 170;
const MAX_UTILISATION = 0.99;
const MAX_MEAN_WAIT = 120;

const round1 = (x: number): number => Math.round(x * 10) / 10;
const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));
const between = (rng: Rng, low: number, high: number): number => low + (high - low) * uniformFloat64(rng);
/** Rounds up with probability equal to the fraction, so small sites' yearly totals are not biased by rounding. */
const roundRandomly = (rng: Rng, x: number): number => Math.floor(x + uniformFloat64(rng));

/** FNV-1a of the site id mixed with the seed: each site gets its own stream, independent of site order. */
function siteSeed(seed: number, id: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash | 0;
}

/** Passports and biometrics surge before summer travel; late December and summer holidays are quiet. */
function seasonFactor(month: number, dayOfMonth: number): number {
  if (month >= 3 && month <= 6) return 1.25;
  if (month === 7 || month === 8) return 0.9;
  if (month === 12 && dayOfMonth >= 20) return 0.7;
  return 1;
}

function parseDay(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) throw new RangeError(`Invalid day: ${day}`);
  return time;
}

/** The `count` calendar days ending at endDay, oldest first, shared by every site. */
function buildCalendar(endDay: string, count: number): CalendarDay[] {
  const end = parseDay(endDay);
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(end - (count - 1 - i) * DAY_MS);
    return {
      day: date.toISOString().slice(0, 10),
      weekday: date.getUTCDay() || 7,
      season: seasonFactor(date.getUTCMonth() + 1, date.getUTCDate()),
    };
  });
}

/** Holidays per province, asked once per calendar day rather than once per site and day. */
function holidayLookup(calendar: readonly CalendarDay[], isHoliday: VisitHistoryOptions['isHoliday']) {
  const cache = new Map<string, boolean[]>();
  return (province: string): boolean[] => {
    let flags = cache.get(province);
    if (!flags) {
      flags = calendar.map(({ day }) => isHoliday?.(day, province) ?? false);
      cache.set(province, flags);
    }
    return flags;
  };
}

/** Expected relative demand on each open calendar day (0 when closed), before noise. */
function demandWeights(calendar: readonly CalendarDay[], site: HistorySite, holidays: readonly boolean[]): number[] {
  const open = new Set(site.openWeekdays);
  return calendar.map(({ weekday, season }, i) => {
    if (!open.has(weekday) || holidays[i]) return 0;
    const afterClosure = i > 0 && holidays[i - 1] === true;
    return season * Math.max(WEEKDAY_FACTOR[weekday] ?? 1, afterClosure ? AFTER_CLOSURE_FACTOR : 1);
  });
}

/** A queueing-flavoured curve: about 6 minutes when quiet, 38 at 80 % utilisation, steep as it nears 1. */
function meanWait(utilisation: number): number {
  const rho = clamp(utilisation, 0, MAX_UTILISATION);
  return 6 + (8 * rho) / (1 - rho);
}

interface SiteDay { rng: Rng; site: HistorySite; day: string; arrivals: number; serviceMinutes: number; target: number }

function dayStats({ rng, site, day, arrivals, serviceMinutes, target }: SiteDay): DailyStatsRow {
  const minutes = Math.max(1, site.counters) * (COUNTER_MINUTES[site.type] ?? DEFAULT_COUNTER_MINUTES);
  const noisy = meanWait((arrivals * serviceMinutes) / minutes) * between(rng, 0.92, 1.08);
  const wait = round1(Math.min(MAX_MEAN_WAIT, noisy));
  // Clients give up more often the longer the wait: 1 % when quiet, 8 % from an hour on.
  const abandonRate = 0.01 + 0.07 * clamp((wait - 6) / 54, 0, 1);
  const abandoned = Math.min(arrivals, roundRandomly(rng, arrivals * abandonRate));
  const served = arrivals - abandoned;
  return {
    service_point_id: site.id, service_day: day, arrivals, served, abandoned,
    // Exponential waits with the day's mean: the share called within the target is 1 − e^(−target/mean).
    served_within_target: Math.round(served * (1 - Math.exp(-target / wait))),
    mean_wait_minutes: wait,
    p90_wait_minutes: round1(wait * between(rng, 2, 2.5)),
    mean_service_minutes: round1(serviceMinutes),
  };
}

function siteHistory(site: HistorySite, calendar: readonly CalendarDay[], holidays: readonly boolean[],
  { seed, days, target }: { seed: number; days: number; target: number }): DailyStatsRow[] {
  if (site.yearlyVolume <= 0) return [];
  const rng = xoroshiro128plus(siteSeed(seed, site.id));
  const weights = demandWeights(calendar, site, holidays);
  const yearWeight = weights.slice(-YEAR_DAYS).reduce((sum, w) => sum + w, 0);
  if (yearWeight === 0) return [];
  const perWeight = site.yearlyVolume / yearWeight;
  const siteService = between(rng, 9, 14); // some sites handle longer files (EI, passports) than others
  const rows: DailyStatsRow[] = [];
  for (let i = calendar.length - days; i < calendar.length; i += 1) {
    const weight = weights[i] ?? 0;
    const entry = calendar[i];
    if (weight === 0 || !entry) continue;
    const arrivals = roundRandomly(rng, perWeight * weight * between(rng, 0.9, 1.1));
    const serviceMinutes = siteService * between(rng, 0.95, 1.05);
    rows.push(dayStats({ rng, site, day: entry.day, arrivals, serviceMinutes, target }));
  }
  return rows;
}

/** Daily visit_daily_stats rows, per site in input order then by day; the same options always give the same rows. */
export function generateVisitHistory(options: VisitHistoryOptions): DailyStatsRow[] {
  const { sites, endDay, days = YEAR_DAYS, seed = 2023, waitTargetMinutes = 20, isHoliday } = options;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  const calendar = buildCalendar(endDay, Math.max(days, YEAR_DAYS));
  const holidaysFor = holidayLookup(calendar, isHoliday);
  const settings = { seed, days, target: waitTargetMinutes };
  return sites.flatMap((site) => siteHistory(site, calendar, holidaysFor(site.provinceCode), settings));
}

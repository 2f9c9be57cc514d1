/**
 * The dashboards' figures: every source's daily rows, filtered, then summed per period. The
 * province and site filters apply to the figures that have a place (in person); the contact
 * centre and applications are national, so they stay as they are and the page says so.
 */
import { isIsoDate } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { getServicePoint, listProvinces, listServicePoints, listServices } from '../../network/index.js';
import { periodStart, PERIODS, type Period } from './periods.js';
import { CHANNELS, readSources, type Channel, type DailyRow } from './sources.js';

export interface DashboardFilter {
  from: string;
  to: string;
  period: Period;
  province?: string | undefined;
  site?: string | undefined;
  service?: string | undefined;
}

/** The longest span the dashboards read at once (a bit over three fiscal years). */
export const MAX_SPAN_DAYS = 1100;

export interface PeriodFigures {
  period: string;
  /** Per channel; null when the channel has no data at all in the window ("no data yet"). */
  volumes: Record<Channel, number | null>;
  /** In person: mean wait of the served, share served within the wait target. */
  meanWaitMinutes: number | null;
  servedWithinTarget: number | null;
  /** Contact centre: answered / offered, answered within target / answered. */
  answerRate: number | null;
  callServiceLevel: number | null;
  /** Applications completed within their standard, and written inquiries answered within theirs. */
  applicationsWithinStandard: number | null;
  inquiriesWithinStandard: number | null;
}

const DAY_MS = 86_400_000;
const span = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Checks a filter against the reference data; throws a 400 naming every bad field. */
export async function validateFilter(db: Db, filter: DashboardFilter): Promise<void> {
  const fields: Record<string, string> = {};
  if (!isIsoDate(filter.from)) fields.from = 'insights.dashboards.date_invalid';
  if (!isIsoDate(filter.to)) fields.to = 'insights.dashboards.date_invalid';
  else if (isIsoDate(filter.from) && (filter.to < filter.from || span(filter.from, filter.to) > MAX_SPAN_DAYS)) fields.to = 'insights.dashboards.span_invalid';
  if (!(PERIODS as readonly string[]).includes(filter.period)) fields.period = 'insights.dashboards.period_invalid';
  const [provinces, services] = await Promise.all([listProvinces({ db }), listServices({ db })]);
  if (filter.province && !provinces.some((p) => p.code === filter.province)) fields.province = 'insights.dashboards.province_invalid';
  if (filter.service && !services.some((s) => s.code === filter.service)) fields.service = 'insights.dashboards.service_invalid';
  if (filter.site) {
    const known = await getServicePoint({ db, ref: filter.site }).catch((error: unknown) => (error instanceof AppError ? null : Promise.reject(error)));
    if (!known) fields.site = 'insights.dashboards.site_invalid';
  }
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
}

/** Codes of the sites offering a service (the in-person figures of a service filter). */
async function sitesOffering(db: Db, service: string): Promise<Set<string>> {
  const { items } = await listServicePoints({ db, service, pageSize: 5000 });
  return new Set(items.map((p) => p.code));
}

/** The daily rows a filter keeps. */
export async function readFilteredRows(db: Db, filter: DashboardFilter): Promise<{ rows: DailyRow[]; failed: string[] }> {
  const { rows, failed } = await readSources({ db, from: filter.from, to: filter.to });
  const offering = filter.service ? await sitesOffering(db, filter.service) : null;
  const kept = rows.filter((r) => {
    if (r.siteCode !== null && filter.site && r.siteCode !== filter.site) return false;
    if (r.province !== null && filter.province && r.province !== filter.province) return false;
    if (filter.service && r.channel === 'in_person') return offering!.has(r.siteCode ?? '');
    if (filter.service && r.service !== 'all' && (r.channel === 'online' || r.channel === 'echannels' || r.channel === 'esin')) return r.service === filter.service;
    return true;
  });
  return { rows: kept, failed };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function summarise(period: string, rows: readonly DailyRow[], present: ReadonlySet<Channel>): PeriodFigures {
  const sum = (pick: (r: DailyRow) => number, keep: (r: DailyRow) => boolean) => rows.reduce((s, r) => (keep(r) ? s + pick(r) : s), 0);
  const of = (channel: Channel) => (r: DailyRow) => r.channel === channel;
  const volumes = Object.fromEntries(CHANNELS.map((c) => [c, present.has(c) ? sum((r) => r.volume, of(c)) : null])) as Record<Channel, number | null>;
  const served = sum((r) => r.handled, of('in_person'));
  const answered = sum((r) => r.handled, of('phone_calls'));
  const isApplication = (r: DailyRow) => r.channel === 'online' || r.channel === 'echannels' || r.channel === 'esin';
  return {
    period,
    volumes,
    meanWaitMinutes: ratio(sum((r) => r.waitMinutes, of('in_person')), served),
    servedWithinTarget: ratio(sum((r) => r.withinTarget, of('in_person')), served),
    answerRate: ratio(answered, sum((r) => r.volume, of('phone_calls'))),
    callServiceLevel: ratio(sum((r) => r.withinTarget, of('phone_calls')), answered),
    applicationsWithinStandard: ratio(sum((r) => r.withinTarget, isApplication), sum((r) => r.handled, isApplication)),
    inquiriesWithinStandard: ratio(sum((r) => r.withinTarget, of('phone_requests')), sum((r) => r.handled, of('phone_requests'))),
  };
}

export interface DashboardFigures {
  filter: DashboardFilter;
  periods: PeriodFigures[];
  total: PeriodFigures;
  /** Channels with at least one row in the window; the others have no data yet. */
  channelsWithData: Channel[];
  /** Sources that could not be read (their figures are missing, the rest stands). */
  failedSources: string[];
}

export async function getDashboardFigures(options: { db: Db; filter: DashboardFilter }): Promise<DashboardFigures> {
  await validateFilter(options.db, options.filter);
  const { rows, failed } = await readFilteredRows(options.db, options.filter);
  const present = new Set(rows.map((r) => r.channel));
  const byPeriod = new Map<string, DailyRow[]>();
  for (const row of rows) {
    const key = periodStart(row.day, options.filter.period);
    const list = byPeriod.get(key);
    if (list) list.push(row);
    else byPeriod.set(key, [row]);
  }
  const periods = [...byPeriod.keys()].sort().map((key) => summarise(key, byPeriod.get(key)!, present));
  return { filter: options.filter, periods, total: summarise(options.filter.from, rows, present), channelsWithData: CHANNELS.filter((c) => present.has(c)), failedSources: failed };
}

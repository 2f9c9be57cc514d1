/**
 * The daily history of in-person visits (visit_daily_stats): the demo's year of generated days,
 * and one site's recent days with their totals for the supervisor's dashboard.
 */
import { recordAudit, systemActor, type Actor } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import { createHolidayCalendar } from '../../platform/holidays.js';
import { generateVisitHistory, type HistorySite } from './demo/history.js';
import * as repo from './history.repo.js';
import { SETTINGS_DEFAULTS } from './visits.repo.js';

const DAY_MS = 86_400_000;

/** The day `days - 1` days before `endDay` (both YYYY-MM-DD), so that the span holds `days` days. */
const firstDayOf = (endDay: string, days: number) => new Date(Date.parse(`${endDay}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);

async function readHistorySites(db: Db): Promise<HistorySite[]> {
  const sites = await repo.listInPersonSites(db);
  return sites.map((site) => ({
    id: site.id,
    type: site.type,
    provinceCode: site.province_code,
    counters: site.counters,
    yearlyVolume: site.yearly_volume ?? 0,
    openWeekdays: (site.open_weekdays ?? []).map(Number),
  }));
}

/**
 * Generates a year of daily visits per federal in-person site, ending at `endDay`, calibrated on
 * each site's yearly volume and closed on its province's holidays, and stores it in one
 * transaction. Does nothing when any history exists: the demo never doubles nor overwrites it.
 */
export async function loadDemoVisitHistory(options: { db: Db; endDay: string; actor?: Actor }): Promise<{ rows: number }> {
  const calendar = createHolidayCalendar();
  const isHoliday = (day: string, province: string) => calendar.holidayOn(day, province) !== null;
  return options.db.transaction().execute(async (trx) => {
    if ((await repo.countDailyStats(trx)) > 0) return { rows: 0 };
    const sites = await readHistorySites(trx);
    const rows = generateVisitHistory({ sites, endDay: options.endDay, isHoliday, waitTargetMinutes: SETTINGS_DEFAULTS.wait_target_minutes });
    await repo.insertDailyStats(trx, rows);
    await recordAudit(trx, options.actor ?? systemActor('seed'), { action: 'visits.demo_history_loaded', entityType: 'visits', details: { sites: sites.length, rows: rows.length, endDay: options.endDay } });
    return { rows: rows.length };
  });
}

export interface DailyHistoryTotals {
  days: number;
  arrivals: number;
  served: number;
  abandoned: number;
  /** Share of the served called within the target; null when nobody was served. */
  servedWithinTargetShare: number | null;
  /** Mean wait over the period, each day weighted by the clients it served; null when nobody was. */
  meanWaitMinutes: number | null;
}

/** One site's open days among the `days` days ending at `endDay` (oldest first), with their totals. */
export async function getDailyHistory(options: { db: Db; siteId: string; days: number; endDay: string }) {
  const from = firstDayOf(options.endDay, options.days);
  const rows = await repo.listDailyStats(options.db, { siteId: options.siteId, from, to: options.endDay });
  return { from, to: options.endDay, rows, totals: totalsOf(rows) };
}

export type SiteDailyHistory = Awaited<ReturnType<typeof getDailyHistory>>;

function totalsOf(rows: readonly { arrivals: number; served: number; abandoned: number; served_within_target: number; mean_wait_minutes: number }[]): DailyHistoryTotals {
  const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const served = sum((r) => r.served);
  return {
    days: rows.length,
    arrivals: sum((r) => r.arrivals),
    served,
    abandoned: sum((r) => r.abandoned),
    servedWithinTargetShare: served === 0 ? null : sum((r) => r.served_within_target) / served,
    meanWaitMinutes: served === 0 ? null : sum((r) => r.mean_wait_minutes * r.served) / served,
  };
}

/**
 * In-person volumes and waits per site and day across the network, `from`–`to` inclusive
 * (YYYY-MM-DD): what the standards and the insights read; the wait target is the site setting's default.
 */
export async function getVisitDailyVolumes(options: { db: Db; from: string; to: string }) {
  return repo.listNetworkDailyStats(options.db, options);
}

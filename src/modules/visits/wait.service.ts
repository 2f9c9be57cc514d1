/**
 * What the queue looks like from outside: live wait estimates per site and service, the lobby
 * board's snapshot, the supervisor's live metrics, and how good past estimates turned out.
 */
import type { Db } from '../../platform/db/database.js';
import { createHolidayCalendar } from '../../platform/holidays.js';
import type { Actor } from '../../platform/audit.repo.js';
import { assertNational } from '../../platform/auth/scope.js';
import { assertSiteAccess, getServicePoint, getServicePointFor, localWeekdayAndTime, openingStatus } from '../network/index.js';
import { DEFAULT_SERVICE_TIME, estimateError, estimateWait, type ServiceTimeQuartiles, type WaitRange } from './eta.js';
import * as repo from './visits.repo.js';

const holidays = createHolidayCalendar();
/** Fewer recent services than this and the estimate widens to all hours, then to the defaults. */
const MIN_SAMPLES = 8;

async function serviceTime(db: Db, options: { siteId: string; service: string; now: Date; timeZone: string }): Promise<ServiceTimeQuartiles> {
  for (const hourWindow of [1, null]) {
    const found = await repo.serviceTimeQuartiles(db, { ...options, hourWindow });
    if (found.samples >= MIN_SAMPLES && found.q1 !== null && found.q3 !== null) return { q1Minutes: found.q1, q3Minutes: found.q3, samples: found.samples };
  }
  return DEFAULT_SERVICE_TIME;
}

/** The wait of a client with `ahead` clients before them for a service at a site. */
export async function estimateForService(options: { db: Db; siteId: string; service: string; ahead: number; now: Date; timeZone: string }): Promise<WaitRange> {
  const counters = await repo.listOpenCounters(options.db, options.siteId);
  const serving = counters.filter((c) => c.services.includes(options.service)).length;
  return estimateWait({ ahead: options.ahead, counters: serving, serviceTime: await serviceTime(options.db, options) });
}

export function siteOpening(site: { hours: { weekday: number; opensAt: string; closesAt: string }[]; time_zone: string; province_code: string }, now: Date) {
  const holidayOn = (date: string) => holidays.holidayOn(date, site.province_code)?.name ?? null;
  const opening = openingStatus(site.hours, site.time_zone, now, holidayOn);
  const today = localWeekdayAndTime(now, site.time_zone).date;
  return { opening, isOpen: opening.open, isHoliday: holidayOn(today) !== null, today };
}

/** `GET /api/v1/sites/{siteId}/wait-times`: one estimate per service a new arrival would get. */
export async function getWaitTimes(options: { db: Db; siteRef: string; now: Date }) {
  const site = await getServicePoint({ db: options.db, ref: options.siteRef });
  const { isOpen, isHoliday } = siteOpening(site, options.now);
  const [waiting, counters] = await Promise.all([repo.listWaiting(options.db, site.id), repo.listOpenCounters(options.db, site.id)]);
  const services = [];
  for (const { code } of site.services) {
    if (code === 'self_service') continue;
    const ahead = waiting.filter((w) => w.service_code === code).length;
    const serving = counters.filter((c) => c.services.includes(code)).length;
    const time = await serviceTime(options.db, { siteId: site.id, service: code, now: options.now, timeZone: site.time_zone });
    services.push({ service: code, waiting: ahead, countersOpen: serving, estimatedWait: estimateWait({ ahead, counters: serving, serviceTime: time }) });
  }
  return { siteId: site.id, code: site.code, isOpen, isHoliday, services, updatedAt: options.now.toISOString() };
}

/** The wait now for one service at a site (null when nobody serves it there and nobody waits). */
export async function getServiceWait(options: { db: Db; siteId: string; service: string; now: Date }) {
  const [site, waiting, counters] = await Promise.all([
    getServicePoint({ db: options.db, ref: options.siteId }),
    repo.listWaiting(options.db, options.siteId, options.service),
    repo.listOpenCounters(options.db, options.siteId),
  ]);
  const serving = counters.filter((c) => c.services.includes(options.service)).length;
  if (serving === 0 && waiting.length === 0) return null;
  const time = await serviceTime(options.db, { siteId: site.id, service: options.service, now: options.now, timeZone: site.time_zone });
  return { waiting: waiting.length, estimatedWait: estimateWait({ ahead: waiting.length, counters: serving, serviceTime: time }) };
}

/** What the lobby board shows: tickets being called (latest first) and how many wait. */
export async function getBoardSnapshot(options: { db: Db; siteRef: string; now: Date }) {
  const site = await getServicePoint({ db: options.db, ref: options.siteRef });
  const since = new Date(options.now.getTime() - 30 * 60_000);
  const [called, waiting] = await Promise.all([repo.listRecentlyCalled(options.db, site.id, since, 8), repo.listWaiting(options.db, site.id)]);
  return {
    siteId: site.id,
    code: site.code,
    nameEn: site.name_en,
    nameFr: site.name_fr,
    called: called.map((c) => ({ ticket: c.ticket, counter: c.counter_name, calledAt: c.called_at!.toISOString(), calls: c.call_count, serving: c.state === 'called' })),
    waiting: waiting.filter((w) => w.checked_in_at !== null).length,
    updatedAt: options.now.toISOString(),
  };
}

const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;

/** The supervisor's live view of one site today (in the site's time zone). */
export async function getSiteMetrics(options: { db: Db; actor: Actor; siteRef: string; now: Date }) {
  const site = await getServicePointFor({ db: options.db, actor: options.actor, ref: options.siteRef });
  const settings = await repo.findSettings(options.db, site.id);
  const today = localWeekdayAndTime(options.now, site.time_zone).date;
  const [visits, counters] = await Promise.all([repo.listDay(options.db, site.id, today), repo.listOpenCounters(options.db, site.id)]);
  const waiting = visits.filter((v) => v.state === 'waiting' && v.checked_in_at);
  const byService = new Map<string, { waiting: number; longestWaitMinutes: number }>();
  for (const v of waiting) {
    const entry = byService.get(v.service_code) ?? { waiting: 0, longestWaitMinutes: 0 };
    entry.waiting += 1;
    entry.longestWaitMinutes = Math.max(entry.longestWaitMinutes, Math.round(minutesBetween(v.arrived_at, options.now)));
    byService.set(v.service_code, entry);
  }
  const called = visits.filter((v) => v.first_called_at);
  const withinTarget = called.filter((v) => minutesBetween(v.arrived_at, v.first_called_at!) <= settings.wait_target_minutes).length;
  const hourAgo = new Date(options.now.getTime() - 3_600_000);
  const ended = visits.filter((v) => ['completed', 'no_show', 'left'].includes(v.state) && v.outcome_code !== 'self_service');
  const abandoned = ended.filter((v) => v.state === 'left' || v.state === 'no_show').length;
  return {
    siteId: site.id,
    day: today,
    waitTargetMinutes: settings.wait_target_minutes,
    waiting: waiting.length,
    longestWaitMinutes: Math.max(0, ...[...byService.values()].map((s) => s.longestWaitMinutes)),
    byService: [...byService.entries()].map(([service, s]) => ({ service, ...s })),
    countersOpen: counters.length,
    servedLastHour: visits.filter((v) => v.state === 'completed' && v.completed_at && v.completed_at >= hourAgo && v.outcome_code !== 'self_service').length,
    servedToday: visits.filter((v) => v.state === 'completed').length,
    arrivalsToday: visits.length,
    shareWithinTarget: called.length === 0 ? null : Math.round((withinTarget / called.length) * 1000) / 1000,
    abandonmentRate: ended.length === 0 ? null : Math.round((abandoned / ended.length) * 1000) / 1000,
    updatedAt: options.now.toISOString(),
  };
}

/** Estimates given at join against the waits that happened (since a date, one site or all). */
export async function getEstimateAccuracy(options: { db: Db; actor: Actor; siteId?: string; since: Date }) {
  // One site for those who work there; the whole network only for national scope.
  if (options.siteId) await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.siteId });
  else assertNational(options.actor);
  const pairs = await repo.listEstimatePairs(options.db, options);
  return estimateError(pairs.map((p) => ({ range: { minMinutes: p.estimate_min_minutes!, maxMinutes: p.estimate_max_minutes! }, actualMinutes: Number(p.actual_minutes) })));
}

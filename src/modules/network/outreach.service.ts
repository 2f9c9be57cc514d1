/**
 * Outreach calendars: the next visits of a scheduled outreach site (rules minus closures and
 * provincial holidays), staff adding or removing a rule or a closed day (audited, announced),
 * and the demo's calendars.
 */
import type { Actor } from '../../platform/audit.repo.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { isIsoDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import { AppError } from '../../platform/errors.js';
import type { HolidayCalendar } from '../../platform/holidays.js';
import * as repo from './network.repo.js';
import { NETWORK_TOPIC } from './network.service.js';
import { localWeekdayAndTime } from './opening.js';
import { isValidRule, nextVisits, type OutreachVisit } from './outreach.js';
import { assertSiteAccess } from './network.service.js';

type Row = Awaited<ReturnType<typeof repo.listSchedulesFor>>[number];
const toSchedule = (row: Row) => ({ rule: row.rule, startsOn: row.starts_on, endsOn: row.ends_on, opensAt: row.opens_at, closesAt: row.closes_at, hostCommunity: row.host_community });

/** The next visits of each of these sites that has a calendar (sites without one are absent). */
export async function listNextVisits(options: { db: Db; holidays: HolidayCalendar; now: Date; sites: { id: string; timeZone: string; provinceCode: string }[]; count: number }): Promise<Map<string, OutreachVisit[]>> {
  const ids = options.sites.map((s) => s.id);
  const earliest = new Date(options.now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const [schedules, closures] = await Promise.all([repo.listSchedulesFor(options.db, ids), repo.listClosuresFor(options.db, ids, earliest)]);
  const result = new Map<string, OutreachVisit[]>();
  for (const site of options.sites) {
    const own = schedules.filter((s) => s.service_point_id === site.id);
    if (own.length === 0) continue;
    const closed = new Set(closures.filter((c) => c.service_point_id === site.id).map((c) => c.day));
    const today = localWeekdayAndTime(options.now, site.timeZone).date;
    const visits = nextVisits({ schedules: own.map(toSchedule), timeZone: site.timeZone, fromDate: today, count: options.count + 1, isClosed: (date) => closed.has(date) || options.holidays.holidayOn(date, site.provinceCode) !== null });
    result.set(site.id, visits.filter((v) => v.endsAt > options.now).slice(0, options.count));
  }
  return result;
}

export const listSchedules = (options: { db: Db; servicePointId: string }) => repo.listSchedulesFor(options.db, [options.servicePointId]);

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export async function addOutreachSchedule(options: { db: Db; actor: Actor; servicePointId: string; rule: string; startsOn: string; endsOn: string; opensAt: string; closesAt: string; hostCommunity: string }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.servicePointId });
  const fields: Record<string, string> = {};
  const rule = options.rule.trim().toUpperCase();
  if (!isValidRule(rule)) fields.rule = 'network.outreach.rule_invalid';
  if (!isIsoDate(options.startsOn)) fields.startsOn = 'network.date_invalid';
  if (options.endsOn && (!isIsoDate(options.endsOn) || options.endsOn < options.startsOn)) fields.endsOn = 'network.date_invalid';
  if (!TIME.test(options.opensAt)) fields.opensAt = 'network.outreach.time_invalid';
  if (!TIME.test(options.closesAt) || options.closesAt <= options.opensAt) fields.closesAt = 'network.outreach.time_invalid';
  const host = options.hostCommunity.trim();
  if (host.length < 2 || host.length > 120) fields.hostCommunity = 'network.outreach.host_required';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  await options.db.transaction().execute(async (trx) => {
    const row = { service_point_id: options.servicePointId, rule, starts_on: options.startsOn, ends_on: options.endsOn || null, opens_at: options.opensAt, closes_at: options.closesAt, host_community: host };
    await repo.insertSchedules(trx, [row]);
    await recordAudit(trx, options.actor, { action: 'network.outreach_schedule_add', entityType: 'service_point', entityId: options.servicePointId, details: row });
    await publishEvent(trx, NETWORK_TOPIC, { change: 'outreach_schedule', id: options.servicePointId });
  });
}

export async function removeOutreachSchedule(options: { db: Db; actor: Actor; servicePointId: string; scheduleId: string }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.servicePointId });
  if (!/^[0-9a-f-]{36}$/i.test(options.scheduleId)) throw new AppError('network.outreach.schedule_not_found', 404);
  await options.db.transaction().execute(async (trx) => {
    const removed = await repo.deleteSchedule(trx, options.servicePointId, options.scheduleId);
    if (Number(removed.numDeletedRows) === 0) throw new AppError('network.outreach.schedule_not_found', 404);
    await recordAudit(trx, options.actor, { action: 'network.outreach_schedule_remove', entityType: 'service_point', entityId: options.servicePointId, details: { scheduleId: options.scheduleId } });
    await publishEvent(trx, NETWORK_TOPIC, { change: 'outreach_schedule', id: options.servicePointId });
  });
}

export async function addClosure(options: { db: Db; actor: Actor; servicePointId: string; day: string; reason: string }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.servicePointId });
  const reason = options.reason.trim();
  const fields: Record<string, string> = {};
  if (!isIsoDate(options.day)) fields.day = 'network.date_invalid';
  if (reason.length < 3 || reason.length > 200) fields.reason = 'network.reason_required';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  await options.db.transaction().execute(async (trx) => {
    await repo.upsertClosure(trx, { service_point_id: options.servicePointId, day: options.day, reason });
    await recordAudit(trx, options.actor, { action: 'network.closure_add', entityType: 'service_point', entityId: options.servicePointId, details: { day: options.day, reason } });
    await publishEvent(trx, NETWORK_TOPIC, { change: 'closure', id: options.servicePointId });
  });
}

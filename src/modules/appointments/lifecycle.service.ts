/**
 * After booking: check-in on arrival (the appointment becomes a visit in the site's queue, with
 * its booked time so that it is called when due), reminders the day before, no-shows after the
 * grace period, and the site's booking settings and blackout days.
 */
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel, recordAudit } from '../../platform/audit.repo.js';
import { assertSiteInScope } from '../../platform/auth/scope.js';
import { assertSiteAccess } from '../network/index.js';
import type { Clock } from '../../platform/clock.js';
import { isIsoDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { checkInVisit } from '../visits/index.js';
import * as repo from './appointments.repo.js';
import { getAppointment } from './booking.service.js';
import { rosterProblems, type RosterWindow } from './roster.js';
import { instantToLocal } from './slots.js';

/** Check-in opens this long before the booked time, and closes with the no-show. */
const CHECK_IN_OPENS_MINUTES = 60;

export async function checkInAppointment(options: { db: Db; clock: Clock; actor: Actor; id?: string; reference?: string }) {
  const found = options.reference ? await repo.findByReference(options.db, options.reference.trim().toUpperCase()) : undefined;
  const { appointment, site } = await getAppointment({ db: options.db, id: found?.id ?? options.id ?? '' });
  assertSiteInScope(options.actor, site);
  if (appointment.state !== 'booked') throw new AppError('appointments.not_changeable', 409, { state: appointment.state });
  const now = options.clock.now();
  if (instantToLocal(now, site.time_zone).date !== instantToLocal(appointment.starts_at, site.time_zone).date || now.getTime() < appointment.starts_at.getTime() - CHECK_IN_OPENS_MINUTES * 60_000) {
    throw new AppError('appointments.check_in_not_open', 409);
  }
  return checkInVisit({
    db: options.db,
    clock: options.clock,
    actor: options.actor,
    siteRef: site.id,
    service: appointment.service_code,
    channel: 'appointment',
    language: appointment.language,
    inBuilding: true,
    appointmentAt: appointment.starts_at,
    // The appointment and its visit change together, or not at all.
    within: async (trx, visit) => {
      const current = await repo.lockAppointment(trx, appointment.id);
      if (current?.state !== 'booked') throw new AppError('appointments.not_changeable', 409, { state: current?.state ?? 'unknown' });
      await repo.updateAppointment(trx, appointment.id, { state: 'checked_in', visit_id: visit.id, updated_at: now });
      await repo.appendEvent(trx, { appointmentId: appointment.id, at: now, type: 'checked_in', actor: actorLabel(options.actor), details: { ticket: visit.ticket } });
    },
  });
}

/** Appointments past their start plus the grace period without a check-in become no-shows. */
export async function markNoShows(options: { db: Db; clock: Clock }) {
  const now = options.clock.now();
  let count = 0;
  for (const appointment of await repo.listOverdue(options.db, now)) {
    await options.db.transaction().execute(async (trx) => {
      const current = await repo.lockAppointment(trx, appointment.id);
      if (current?.state !== 'booked') return;
      await repo.updateAppointment(trx, current.id, { state: 'no_show', updated_at: now });
      await repo.appendEvent(trx, { appointmentId: current.id, at: now, type: 'no_show', actor: 'system:appointments' });
      count += 1;
    });
  }
  return count;
}

export async function listSiteAppointments(options: { db: Db; siteId: string; from: Date; to: Date }) {
  return repo.listForSite(options.db, options.siteId, options.from, options.to);
}

export const listAppointmentEvents = (options: { db: Db; id: string }) => repo.listEvents(options.db, options.id);

function wholeNumber(value: string, min: number, max: number, field: string, fields: Record<string, string>): number {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value.trim()) || n < min || n > max) fields[field] = 'appointments.number_invalid';
  return n;
}

export async function updateBookingSettings(options: { db: Db; clock: Clock; actor: Actor; siteId: string; counters: string; leadMinutes: string; horizonDays: string; graceMinutes: string }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.siteId });
  const fields: Record<string, string> = {};
  const values = {
    counters: wholeNumber(options.counters, 1, 200, 'counters', fields),
    lead_minutes: wholeNumber(options.leadMinutes, 0, 10_080, 'leadMinutes', fields),
    horizon_days: wholeNumber(options.horizonDays, 1, 180, 'horizonDays', fields),
    grace_minutes: wholeNumber(options.graceMinutes, 0, 240, 'graceMinutes', fields),
  };
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  await options.db.transaction().execute(async (trx) => {
    await repo.upsertSiteSettings(trx, options.siteId, values, options.clock.now());
    await recordAudit(trx, options.actor, { action: 'appointments.settings_change', entityType: 'service_point', entityId: options.siteId, details: values });
  });
}

export async function addBlackout(options: { db: Db; actor: Actor; siteId: string; day: string; reason: string }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.siteId });
  const reason = options.reason.trim();
  const fields: Record<string, string> = {};
  if (!isIsoDate(options.day)) fields.day = 'appointments.date_invalid';
  if (reason.length < 3 || reason.length > 200) fields.reason = 'appointments.reason_required';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  await options.db.transaction().execute(async (trx) => {
    await repo.insertBlackout(trx, { siteId: options.siteId, day: options.day, reason });
    await recordAudit(trx, options.actor, { action: 'appointments.blackout_add', entityType: 'service_point', entityId: options.siteId, details: { day: options.day, reason } });
  });
}

export async function removeBlackout(options: { db: Db; actor: Actor; siteId: string; day: string }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.siteId });
  if (!isIsoDate(options.day)) throw new AppError('common.invalid_input', 400, {}, { day: 'appointments.date_invalid' });
  await options.db.transaction().execute(async (trx) => {
    await repo.deleteBlackout(trx, options.siteId, options.day);
    await recordAudit(trx, options.actor, { action: 'appointments.blackout_remove', entityType: 'service_point', entityId: options.siteId, details: { day: options.day } });
  });
}

export const listBlackouts = (options: { db: Db; siteId: string; from: string; to: string }) => repo.listBlackouts(options.db, options.siteId, options.from, options.to);

/** Which services a site books, and for how long each, in one transaction. */
export async function updateServiceRules(options: { db: Db; actor: Actor; siteId: string; offered: string[]; rules: { service: string; bookable: boolean; slotMinutes: string }[] }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.siteId });
  const fields: Record<string, string> = {};
  const parsed = options.rules.map((rule) => {
    const minutes = Number(rule.slotMinutes);
    if (!options.offered.includes(rule.service)) fields[`slot-${rule.service}`] = 'appointments.service_not_bookable';
    else if (!/^\d{1,3}$/.test(rule.slotMinutes.trim()) || minutes < 5 || minutes > 240) fields[`slot-${rule.service}`] = 'appointments.slot_minutes_invalid';
    return { siteId: options.siteId, service: rule.service, bookable: rule.bookable, slotMinutes: minutes };
  });
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  await options.db.transaction().execute(async (trx) => {
    for (const rule of parsed) await repo.upsertServiceRule(trx, rule);
    await recordAudit(trx, options.actor, { action: 'appointments.services_change', entityType: 'service_point', entityId: options.siteId, details: { rules: parsed.map(({ service, bookable, slotMinutes }) => ({ service, bookable, slotMinutes })) } });
  });
}

/** Replaces a site's weekly appointment roster (every window at once), audited; bad windows change nothing. */
export async function replaceRoster(options: { db: Db; actor: Actor; siteId: string; windows: RosterWindow[] }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.siteId });
  const problems = rosterProblems(options.windows);
  if (Object.keys(problems).length > 0) throw new AppError('common.invalid_input', 400, {}, problems);
  await options.db.transaction().execute(async (trx) => {
    await repo.replaceRoster(trx, options.siteId, options.windows);
    await recordAudit(trx, options.actor, { action: 'appointments.roster_change', entityType: 'service_point', entityId: options.siteId, details: { windows: options.windows } });
  });
  return repo.listRoster(options.db, options.siteId);
}

export const listRoster = (options: { db: Db; siteId: string }) => repo.listRoster(options.db, options.siteId);

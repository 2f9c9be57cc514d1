/**
 * Booking: which services a site books and for how long, which days and times are free, and the
 * booking, rescheduling and cancelling of an appointment. A booking takes a per-site-and-day
 * lock, re-counts the slot and writes in one transaction, so the last seat goes to one client.
 */
import { randomInt } from 'node:crypto';
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Appointment } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { createHolidayCalendar } from '../../platform/holidays.js';
import { isLanguage } from '../../platform/i18n/index.js';
import { normalizePhone } from '../../platform/sms.js';
import { getServicePoint } from '../network/index.js';
import * as repo from './appointments.repo.js';
import { slotCapacity } from './roster.js';
import { addDays, bookingReference, defaultAppointmentCounters, FALLBACK_SERVICE, instantToLocal, listSlots, SERVICE_DEFAULTS, type Slot } from './slots.js';

const holidays = createHolidayCalendar();
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
export type Site = Awaited<ReturnType<typeof getServicePoint>>;

/** A site's booking rules: counters set aside, lead time, horizon, grace, and each service's slot. */
export async function getBookingRules(options: { db: Db; site: Site }) {
  const { site } = options;
  const [settings, rules, roster] = await Promise.all([repo.findSiteSettings(options.db, site.id), repo.listServiceRules(options.db, site.id), repo.listRoster(options.db, site.id)]);
  const services = site.services
    .map((s) => {
      const rule = rules.find((r) => r.service_code === s.code);
      const fallback = SERVICE_DEFAULTS[s.code] ?? FALLBACK_SERVICE;
      return { ...s, bookable: rule?.bookable ?? fallback.bookable, slotMinutes: rule?.slot_minutes ?? fallback.slotMinutes };
    });
  return {
    counters: settings?.counters ?? defaultAppointmentCounters(site.counters),
    roster,
    leadMinutes: settings?.lead_minutes ?? 120,
    horizonDays: settings?.horizon_days ?? 30,
    graceMinutes: settings?.grace_minutes ?? 15,
    services,
  };
}

type Rules = Awaited<ReturnType<typeof getBookingRules>>;

function bookableService(rules: Rules, service: string) {
  const found = rules.services.find((s) => s.code === service && s.bookable);
  if (!found) throw new AppError('common.invalid_input', 400, {}, { service: 'appointments.service_not_bookable' });
  return found;
}

/** Why a day has no slots at a site: a blackout or a public holiday (null when it may have some). */
async function closure(db: Db, site: Site, date: string): Promise<string | null> {
  const blackout = (await repo.listBlackouts(db, site.id, date, date))[0];
  return blackout?.reason ?? holidays.holidayOn(date, site.province_code)?.name ?? null;
}

async function slotsOn(options: { db: Db; now: Date; site: Site; rules: Rules; service: string; date: string; exceptId?: string }): Promise<Slot[]> {
  const { site, rules } = options;
  if (site.jurisdiction !== 'federal' || !['open', 'reactivated'].includes(site.status)) return [];
  if (await closure(options.db, site, options.date)) return [];
  const slotMinutes = bookableService(rules, options.service).slotMinutes;
  const dayStart = new Date(`${options.date}T00:00:00Z`);
  const bookings = await repo.listActiveBookings(options.db, site.id, new Date(dayStart.getTime() - 86_400_000), new Date(dayStart.getTime() + 2 * 86_400_000), options.exceptId);
  return listSlots({
    date: options.date,
    timeZone: site.time_zone,
    hours: site.hours,
    slotMinutes,
    capacity: (slot) => slotCapacity({ counters: rules.counters, roster: rules.roster, ...slot }),
    bookings: bookings.map((b) => ({ startsAt: b.starts_at, endsAt: b.ends_at })),
    earliest: new Date(options.now.getTime() + rules.leadMinutes * 60_000),
  });
}

/** Days from today through the horizon with at least one free slot for the service. */
export async function listAvailableDays(options: { db: Db; clock: Clock; siteRef: string; service: string }) {
  const site = await getServicePoint({ db: options.db, ref: options.siteRef });
  const rules = await getBookingRules({ db: options.db, site });
  bookableService(rules, options.service);
  const now = options.clock.now();
  const today = instantToLocal(now, site.time_zone).date;
  const days: { date: string; free: number }[] = [];
  for (let i = 0; i < rules.horizonDays; i++) {
    const date = addDays(today, i);
    const free = (await slotsOn({ db: options.db, now, site, rules, service: options.service, date })).filter((s) => s.remaining > 0).length;
    if (free > 0) days.push({ date, free });
  }
  return { site, rules, days };
}

export async function listAvailableSlots(options: { db: Db; clock: Clock; siteRef: string; service: string; date: string; exceptId?: string }) {
  const site = await getServicePoint({ db: options.db, ref: options.siteRef });
  const rules = await getBookingRules({ db: options.db, site });
  const slots = await slotsOn({ db: options.db, now: options.clock.now(), site, rules, service: options.service, date: options.date, ...(options.exceptId ? { exceptId: options.exceptId } : {}) });
  return { site, rules, slots: slots.filter((s) => s.remaining > 0) };
}

function validateClient(input: { email: string; phone?: string | undefined; language: string; startsAt: string }) {
  const fields: Record<string, string> = {};
  const email = input.email.trim();
  if (!EMAIL.test(email) || email.length > 254) fields.email = 'appointments.email_invalid';
  const phone = input.phone?.trim() ? normalizePhone(input.phone) : null;
  if (input.phone?.trim() && !phone) fields.phone = 'appointments.phone_invalid';
  if (!isLanguage(input.language)) fields.language = 'appointments.language_invalid';
  const startsAt = new Date(input.startsAt);
  if (Number.isNaN(startsAt.getTime())) fields.startsAt = 'appointments.slot_required';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  return { email, phone, language: input.language as 'en' | 'fr', startsAt };
}

/** The free slot starting at that instant, re-counted under the site-and-day lock. */
async function takeSlot(trx: Db, options: { now: Date; site: Site; rules: Rules; service: string; startsAt: Date; exceptId?: string }) {
  const date = instantToLocal(options.startsAt, options.site.time_zone).date;
  await repo.lockSiteDay(trx, options.site.id, date);
  const slots = await slotsOn({ db: trx, now: options.now, site: options.site, rules: options.rules, service: options.service, date, ...(options.exceptId ? { exceptId: options.exceptId } : {}) });
  const slot = slots.find((s) => s.startsAt.getTime() === options.startsAt.getTime());
  if (!slot) throw new AppError('common.invalid_input', 400, {}, { startsAt: 'appointments.slot_unavailable' });
  if (slot.remaining <= 0) throw new AppError('common.invalid_input', 409, {}, { startsAt: 'appointments.slot_taken' });
  return slot;
}

export async function bookAppointment(options: { db: Db; clock: Clock; actor: Actor; siteRef: string; service: string; startsAt: string; language: string; email: string; phone?: string | undefined }) {
  const site = await getServicePoint({ db: options.db, ref: options.siteRef });
  const rules = await getBookingRules({ db: options.db, site });
  const client = validateClient(options);
  bookableService(rules, options.service);
  const now = options.clock.now();
  const appointment = await options.db.transaction().execute(async (trx) => {
    const slot = await takeSlot(trx, { now, site, rules, service: options.service, startsAt: client.startsAt });
    const created = await repo.insertAppointment(trx, {
      reference: bookingReference(randomInt),
      service_point_id: site.id,
      service_code: options.service,
      starts_at: slot.startsAt,
      ends_at: slot.endsAt,
      language: client.language,
      email: client.email,
      phone: client.phone,
      state: 'booked',
      created_at: now,
      updated_at: now,
    });
    await repo.appendEvent(trx, { appointmentId: created.id, at: now, type: 'booked', actor: actorLabel(options.actor), details: { startsAt: slot.startsAt.toISOString(), service: options.service } });
    return created;
  });
  return { appointment, site };
}

export async function getAppointment(options: { db: Db; id: string }) {
  const appointment = /^[0-9a-f-]{36}$/i.test(options.id) ? await repo.findAppointment(options.db, options.id) : undefined;
  if (!appointment) throw new AppError('appointments.not_found', 404);
  const site = await getServicePoint({ db: options.db, ref: appointment.service_point_id });
  return { appointment, site };
}

function assertChangeable(appointment: Appointment) {
  if (appointment.state !== 'booked') throw new AppError('appointments.not_changeable', 409, { state: appointment.state });
}

export async function rescheduleAppointment(options: { db: Db; clock: Clock; actor: Actor; id: string; startsAt: string }) {
  const { site } = await getAppointment(options);
  const rules = await getBookingRules({ db: options.db, site });
  const startsAt = new Date(options.startsAt);
  if (Number.isNaN(startsAt.getTime())) throw new AppError('common.invalid_input', 400, {}, { startsAt: 'appointments.slot_required' });
  const now = options.clock.now();
  const appointment = await options.db.transaction().execute(async (trx) => {
    const current = (await repo.lockAppointment(trx, options.id))!;
    assertChangeable(current);
    const slot = await takeSlot(trx, { now, site, rules, service: current.service_code, startsAt, exceptId: current.id });
    const updated = await repo.updateAppointment(trx, current.id, { starts_at: slot.startsAt, ends_at: slot.endsAt, sequence: current.sequence + 1, reminder_sent_at: null, updated_at: now });
    await repo.appendEvent(trx, { appointmentId: current.id, at: now, type: 'rescheduled', actor: actorLabel(options.actor), details: { from: current.starts_at.toISOString(), to: slot.startsAt.toISOString() } });
    return updated;
  });
  return { appointment, site };
}

export async function cancelAppointment(options: { db: Db; clock: Clock; actor: Actor; id: string }) {
  const { site } = await getAppointment(options);
  const now = options.clock.now();
  const appointment = await options.db.transaction().execute(async (trx) => {
    const current = (await repo.lockAppointment(trx, options.id))!;
    assertChangeable(current);
    const updated = await repo.updateAppointment(trx, current.id, { state: 'cancelled', sequence: current.sequence + 1, updated_at: now });
    await repo.appendEvent(trx, { appointmentId: current.id, at: now, type: 'cancelled', actor: actorLabel(options.actor) });
    return updated;
  });
  return { appointment, site };
}

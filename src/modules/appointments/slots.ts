/**
 * Bookable slots of a site on a local day. Hours are in the site's own time zone; luxon turns
 * "Tuesday 09:00 in America/Regina" into an instant, daylight saving included. A slot is free
 * while fewer bookings overlap it than its capacity: the counters set aside for appointments,
 * limited by the staff rostered (roster.ts).
 */
import { DateTime } from 'luxon';
import { localToInstant } from '../../platform/clock.js';

export interface WeeklyHours {
  weekday: number; // ISO: 1 = Monday … 7 = Sunday
  opensAt: string; // HH:MM
  closesAt: string; // HH:MM
}

export interface Booking {
  startsAt: Date;
  endsAt: Date;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  /** Local HH:MM in the site's zone. */
  time: string;
  remaining: number;
}

/** Default slot length and bookability of each service of the catalogue. */
export const SERVICE_DEFAULTS: Record<string, { bookable: boolean; slotMinutes: number }> = {
  passport: { bookable: true, slotMinutes: 20 },
  passport_pickup: { bookable: true, slotMinutes: 10 },
  biometrics: { bookable: true, slotMinutes: 15 },
  sin: { bookable: true, slotMinutes: 15 },
  ei: { bookable: true, slotMinutes: 30 },
  cpp: { bookable: true, slotMinutes: 30 },
  oas: { bookable: true, slotMinutes: 30 },
  citizenship: { bookable: true, slotMinutes: 30 },
  my_account: { bookable: true, slotMinutes: 20 },
  dental: { bookable: true, slotMinutes: 20 },
  self_service: { bookable: false, slotMinutes: 15 },
};
export const FALLBACK_SERVICE = { bookable: true, slotMinutes: 20 };

export { localToInstant };

/** The local date (YYYY-MM-DD) and HH:MM of an instant in a zone. */
export function instantToLocal(at: Date, timeZone: string): { date: string; time: string } {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return { date: local.toISODate()!, time: local.toFormat('HH:mm') };
}

export const isoWeekday = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).weekday;

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** How many bookings overlap [start, end). */
function overlapping(bookings: readonly Booking[], start: Date, end: Date): number {
  return bookings.filter((b) => b.startsAt < end && b.endsAt > start).length;
}

export function listSlots(options: {
  date: string;
  timeZone: string;
  hours: readonly WeeklyHours[];
  slotMinutes: number;
  /** How many bookings may overlap the slot, given its local weekday and times. */
  capacity: number | ((slot: { weekday: number; startsAt: string; endsAt: string }) => number);
  bookings: readonly Booking[];
  /** No slot starts before this instant (now plus the booking lead time). */
  earliest: Date;
}): Slot[] {
  const weekday = isoWeekday(options.date);
  const slots: Slot[] = [];
  for (const window of options.hours.filter((h) => h.weekday === weekday)) {
    const opens = localToInstant(options.date, window.opensAt, options.timeZone);
    const closes = localToInstant(options.date, window.closesAt, options.timeZone);
    for (let start = opens; start.getTime() + options.slotMinutes * 60_000 <= closes.getTime(); start = new Date(start.getTime() + options.slotMinutes * 60_000)) {
      if (start < options.earliest) continue;
      const end = new Date(start.getTime() + options.slotMinutes * 60_000);
      const time = instantToLocal(start, options.timeZone).time;
      const endTime = instantToLocal(end, options.timeZone).time;
      const capacity = typeof options.capacity === 'number' ? options.capacity : options.capacity({ weekday, startsAt: time, endsAt: endTime === '00:00' ? '24:00' : endTime });
      slots.push({ startsAt: start, endsAt: end, time, remaining: Math.max(0, capacity - overlapping(options.bookings, start, end)) });
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Counters set aside for appointments when a site has not chosen: half its counters, at least one. */
export const defaultAppointmentCounters = (siteCounters: number) => Math.max(1, Math.ceil(siteCounters / 2));

/** A short booking reference a client can read over a counter: no 0/O, 1/I/L. */
export function bookingReference(random: (max: number) => number): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const pick = () => alphabet[random(alphabet.length)]!;
  return `${pick()}${pick()}${pick()}-${pick()}${pick()}${pick()}`;
}

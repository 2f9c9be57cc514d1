/** Opening hours of a line in its own time zone, and business days for the inquiry standard. */
import { DateTime } from 'luxon';
import type { HolidayCalendar } from '../../platform/holidays.js';
import type { LineOpening } from '../../platform/db/tables.contact.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Problems with a weekly schedule, as i18n keys; empty when it is sound. */
export function checkHours(hours: LineOpening[]): string | null {
  for (const h of hours) {
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7) return 'contact.hours_invalid';
    if (!TIME.test(h.opens) || !TIME.test(h.closes) || h.opens >= h.closes) return 'contact.hours_invalid';
  }
  return null;
}

/** Whether the line answers at `now`; a line without hours is always open. */
export function isOpenAt(hours: LineOpening[] | null, timeZone: string, now: Date): boolean {
  if (!hours) return true;
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const time = local.toFormat('HH:mm');
  return hours.some((h) => h.weekday === local.weekday && h.opens <= time && time < h.closes);
}

/** The local calendar day (YYYY-MM-DD) of an instant in a zone. */
export const localDay = (at: Date, timeZone: string) => DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;

/**
 * The day an inquiry received at `receivedAt` is due: `days` business days later, skipping
 * weekends and the province's public holidays (federal ones included by the library). An
 * inquiry received on a weekend or holiday starts counting from the next business day.
 */
export function dueDate(options: { receivedAt: Date; timeZone: string; province: string; days: number; holidays: HolidayCalendar }): string {
  let day = DateTime.fromJSDate(options.receivedAt, { zone: options.timeZone }).startOf('day');
  const isBusiness = (d: DateTime) => d.weekday <= 5 && !options.holidays.holidayOn(d.toISODate()!, options.province);
  let remaining = options.days;
  while (remaining > 0) {
    day = day.plus({ days: 1 });
    if (isBusiness(day)) remaining--;
  }
  return day.toISODate()!;
}

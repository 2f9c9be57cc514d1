/**
 * Business days in a province: weekdays that are not the province's public holidays, from the
 * maintained `date-holidays` library (through the platform's calendar). Days are `YYYY-MM-DD`.
 */
import { createHolidayCalendar, type HolidayCalendar } from '../../platform/holidays.js';

const DAY_MS = 86_400_000;
const calendar: HolidayCalendar = createHolidayCalendar();

export const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export function isBusinessDay(day: string, province: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && calendar.holidayOn(day, province) === null;
}

/** The business day `count` business days after `day` (the day itself does not count). */
export function addBusinessDays(day: string, count: number, province: string): string {
  let current = day;
  let left = count;
  while (left > 0) {
    current = shiftDay(current, 1);
    if (isBusinessDay(current, province)) left -= 1;
  }
  return current;
}

/** Business days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function businessDaysBetween(from: string, to: string, province: string): number {
  let count = 0;
  for (let day = shiftDay(from, 1); day <= to; day = shiftDay(day, 1)) if (isBusinessDay(day, province)) count += 1;
  return count;
}

/**
 * What the model knows about a day besides its date: public holidays (per province, from
 * `date-holidays`), the first open weekday after one, and the known events covering it.
 */
import type { HolidayCalendar } from '../../../../platform/holidays.js';
import type { KnownEvent } from '../events.service.js';
import type { Channel } from '../sources.js';
import { addDays, type DayContext } from './model.js';

const PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'];
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/**
 * A national service (the contact centre, applications) closes on the holidays most of the
 * country keeps: New Year, Good Friday, Canada Day, Labour Day, Christmas… A holiday kept by a
 * minority of provinces (Saint-Jean-Baptiste, Family Day) leaves it open.
 */
function isHoliday(calendar: HolidayCalendar, day: string, province: string | null): boolean {
  if (province) return calendar.holidayOn(day, province) !== null;
  return PROVINCES.filter((p) => calendar.holidayOn(day, p) !== null).length > PROVINCES.length / 2;
}

/** The context of every day for one part of a series (one province, or national when null). */
export function dayContext(options: { calendar: HolidayCalendar; province: string | null; channel: Channel; events: readonly KnownEvent[] }): (day: string) => DayContext {
  const { calendar, province } = options;
  const events = options.events.filter((e) => (e.province === null || province === null || e.province === province) && (e.channel === null || e.channel === options.channel));
  const cache = new Map<string, DayContext>();
  return (day) => {
    let context = cache.get(day);
    if (!context) {
      const holiday = isHoliday(calendar, day, province);
      let previous = addDays(day, -1);
      while (isWeekend(previous)) previous = addDays(previous, -1);
      const afterHoliday = !holiday && !isWeekend(day) && isHoliday(calendar, previous, province);
      context = { holiday: holiday ? 1 : 0, afterHoliday: afterHoliday ? 1 : 0, events: events.filter((e) => e.startsOn <= day && day <= e.endsOn).map((e) => e.id) };
      cache.set(day, context);
    }
    return context;
  };
}

/**
 * Public holidays per province and territory, from the maintained `date-holidays` library (never a
 * hand-kept list). Cached per province and year; names in English or French.
 */
import Holidays from 'date-holidays';
import type { Language } from './i18n/index.js';

export interface Holiday {
  date: string; // YYYY-MM-DD
  name: string;
}

export interface HolidayCalendar {
  /** The public holiday on that local date in that province, if any. */
  holidayOn(date: string, province: string, language?: Language): Holiday | null;
  listHolidays(year: number, province: string, language?: Language): Holiday[];
}

export function createHolidayCalendar(): HolidayCalendar {
  const cache = new Map<string, Holiday[]>();
  const list = (year: number, province: string, language: Language = 'en'): Holiday[] => {
    const key = `${province}:${year}:${language}`;
    let holidays = cache.get(key);
    if (!holidays) {
      const calendar = new Holidays('CA', province);
      holidays = (calendar.getHolidays(year, language) || [])
        .filter((h) => h.type === 'public')
        .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
      cache.set(key, holidays);
    }
    return holidays;
  };
  return {
    listHolidays: list,
    holidayOn: (date, province, language) => list(Number(date.slice(0, 4)), province, language).find((h) => h.date === date) ?? null,
  };
}

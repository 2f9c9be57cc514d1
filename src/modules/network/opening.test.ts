import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localWeekdayAndTime, openingStatus, type WeeklyHours } from './opening.js';
import { createPlaceSearch, normalizePlaceName } from './place-search.js';
import { createHolidayCalendar } from '../../platform/holidays.js';

const weekdays: WeeklyHours[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:30', closesAt: '16:30' }));

test('local time follows the site zone and daylight saving', () => {
  // 2026-11-23 is a Monday; 14:00 UTC is 09:00 in Toronto (EST) and 10:30 in St. John's.
  assert.deepEqual(localWeekdayAndTime(new Date('2026-11-23T14:00:00Z'), 'America/Toronto'), { date: '2026-11-23', weekday: 1, time: '09:00' });
  assert.deepEqual(localWeekdayAndTime(new Date('2026-11-23T14:00:00Z'), 'America/St_Johns'), { date: '2026-11-23', weekday: 1, time: '10:30' });
  // 02:00 UTC on Tuesday is still Monday evening in Vancouver.
  assert.deepEqual(localWeekdayAndTime(new Date('2026-11-24T02:00:00Z'), 'America/Vancouver'), { date: '2026-11-23', weekday: 1, time: '18:00' });
  // In July Toronto is on EDT (UTC−4); Regina never changes (UTC−6).
  assert.deepEqual(localWeekdayAndTime(new Date('2026-07-06T14:00:00Z'), 'America/Toronto'), { date: '2026-07-06', weekday: 1, time: '10:00' });
  assert.deepEqual(localWeekdayAndTime(new Date('2026-07-06T14:00:00Z'), 'America/Regina'), { date: '2026-07-06', weekday: 1, time: '08:00' });
});

test('open now, later today, on the next working day, or never', () => {
  assert.deepEqual(openingStatus(weekdays, 'America/Toronto', new Date('2026-11-23T14:00:00Z')), { open: true, closesAt: '16:30' });
  assert.deepEqual(openingStatus(weekdays, 'America/Toronto', new Date('2026-11-23T12:00:00Z')), { open: false, next: { weekday: 1, opensAt: '08:30', daysAhead: 0 } });
  // Friday 17:00 in Vancouver → Monday 08:30.
  assert.deepEqual(openingStatus(weekdays, 'America/Vancouver', new Date('2026-11-28T01:00:00Z')), { open: false, next: { weekday: 1, opensAt: '08:30', daysAhead: 3 } });
  assert.deepEqual(openingStatus([], 'America/Toronto', new Date()), { open: false, next: null });
  // Closing time itself is closed.
  assert.equal(openingStatus(weekdays, 'America/Toronto', new Date('2026-11-23T21:30:00Z')).open, false);
});

test('place search ignores accents and case, honours a province, prefers exact then larger', () => {
  const places = [
    { id: 1, name: 'Kingston', provinceCode: 'ON', population: 120_000, latitude: 44.23, longitude: -76.48 },
    { id: 2, name: 'Kingston', provinceCode: 'NS', population: 2_000, latitude: 44.99, longitude: -64.95 },
    { id: 3, name: 'Kingsville', provinceCode: 'ON', population: 21_000, latitude: 42.04, longitude: -82.74 },
    { id: 4, name: 'Trois-Rivières', provinceCode: 'QC', population: 134_000, latitude: 46.35, longitude: -72.55 },
  ];
  const search = createPlaceSearch(places);
  assert.deepEqual(search.search('kingston').map((p) => p.id), [1, 2]);
  assert.deepEqual(search.search('Kingston, NS').map((p) => p.id), [2]);
  assert.deepEqual(search.search('kings').map((p) => p.id), [1, 3, 2]);
  assert.deepEqual(search.search('trois rivieres').map((p) => p.id), [4]);
  assert.deepEqual(search.search('x'), []);
  assert.equal(normalizePlaceName('  Île-d’Orléans '), 'ile d orleans');
});

test('provincial public holidays close a site and push back the next opening', () => {
  const holidays = createHolidayCalendar();
  const inQuebec = (date: string) => holidays.holidayOn(date, 'QC', 'fr')?.name ?? null;
  const inOntario = (date: string) => holidays.holidayOn(date, 'ON')?.name ?? null;
  // Wednesday 24 June 2026, 10:00 in Montréal: the Fête nationale closes Quebec sites only.
  const midsummer = new Date('2026-06-24T14:00:00Z');
  assert.deepEqual(openingStatus(weekdays, 'America/Toronto', midsummer, inQuebec), { open: false, holiday: 'Fête nationale du Québec', next: { weekday: 4, opensAt: '08:30', daysAhead: 1 } });
  assert.equal(openingStatus(weekdays, 'America/Toronto', midsummer, inOntario).open, true);
  // Christmas Friday 2026 in Ontario, then Boxing Day and the weekend: next opening Monday 28.
  const christmas = new Date('2026-12-25T15:00:00Z');
  assert.deepEqual(openingStatus(weekdays, 'America/Toronto', christmas, inOntario), { open: false, holiday: 'Christmas Day', next: { weekday: 1, opensAt: '08:30', daysAhead: 3 } });
  assert.deepEqual(holidays.listHolidays(2026, 'ON').map((h) => h.date).includes('2026-02-16'), true);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHolidayCalendar } from '../../../platform/holidays.js';
import { generateVisitHistory, type DailyStatsRow, type HistorySite } from './history.js';

const calendar = createHolidayCalendar();
const isHoliday = (day: string, province: string): boolean => calendar.holidayOn(day, province) !== null;
const WEEKDAYS = [1, 2, 3, 4, 5];
const site = (id: string, overrides: Partial<HistorySite> = {}): HistorySite => ({
  id, type: 'scc', provinceCode: 'ON', counters: 8, yearlyVolume: 18_000, openWeekdays: WEEKDAYS, ...overrides,
});
const sites = [site('a'), site('b', { provinceCode: 'QC', counters: 4, yearlyVolume: 6_000 }), site('c', { type: 'outreach_site', counters: 0, yearlyVolume: 900, openWeekdays: [2] })];
const endDay = '2024-03-31';
const rows = generateVisitHistory({ sites, endDay, isHoliday });
const rowsOf = (id: string, from: readonly DailyStatsRow[] = rows): DailyStatsRow[] => from.filter((r) => r.service_point_id === id);
const isoWeekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
const sum = (list: readonly DailyStatsRow[], pick: (r: DailyStatsRow) => number): number => list.reduce((s, r) => s + pick(r), 0);
const mean = (list: readonly DailyStatsRow[], pick: (r: DailyStatsRow) => number): number => sum(list, pick) / list.length;

test('the same seed gives the same rows, another seed different ones', () => {
  assert.deepEqual(generateVisitHistory({ sites, endDay, isHoliday }), rows);
  assert.deepEqual(generateVisitHistory({ sites, endDay, isHoliday, seed: 2023 }), rows);
  assert.notDeepEqual(generateVisitHistory({ sites, endDay, isHoliday, seed: 7 }), rows);
});

test("a site's arrivals over the year are within 5 % of its yearly volume", () => {
  for (const s of sites) {
    const total = sum(rowsOf(s.id), (r) => r.arrivals);
    assert.ok(Math.abs(total - s.yearlyVolume) <= 0.05 * s.yearlyVolume, `${s.id}: ${total} vs ${s.yearlyVolume}`);
  }
});

test('no rows on closed weekdays or holidays, and days stay inside the window', () => {
  for (const s of sites) {
    for (const r of rowsOf(s.id)) {
      assert.ok(s.openWeekdays.includes(isoWeekday(r.service_day)), `${s.id} open on ${r.service_day}`);
      assert.equal(isHoliday(r.service_day, s.provinceCode), false, `${s.id} open on holiday ${r.service_day}`);
      assert.ok(r.service_day > '2023-04-01' && r.service_day <= endDay, r.service_day);
    }
  }
  assert.ok(!rowsOf('a').some((r) => r.service_day === '2023-12-25'));
  assert.ok(!rowsOf('b').some((r) => r.service_day === '2023-05-22'), "QC: National Patriots' Day");
});

test('counts add up and stay within bounds', () => {
  for (const r of rows) {
    assert.equal(r.served + r.abandoned, r.arrivals);
    assert.ok(r.served_within_target <= r.served && r.served_within_target >= 0);
    assert.ok(r.abandoned >= 0 && r.mean_wait_minutes <= 120);
    assert.ok(r.p90_wait_minutes >= 2 * r.mean_wait_minutes - 0.1 && r.p90_wait_minutes <= 2.5 * r.mean_wait_minutes + 0.1);
    assert.ok(r.mean_service_minutes >= 8.5 && r.mean_service_minutes <= 14.7, String(r.mean_service_minutes));
    assert.equal(Math.round(r.mean_wait_minutes * 10) / 10, r.mean_wait_minutes);
  }
});

test('spring months are busier than August on average', () => {
  const a = rowsOf('a');
  const spring = a.filter((r) => ['04', '05', '06'].includes(r.service_day.slice(5, 7)));
  const august = a.filter((r) => r.service_day.slice(5, 7) === '08');
  assert.ok(mean(spring, (r) => r.arrivals) > 1.2 * mean(august, (r) => r.arrivals));
});

test('Mondays are busier than Fridays', () => {
  const a = rowsOf('a');
  const on = (weekday: number): DailyStatsRow[] => a.filter((r) => isoWeekday(r.service_day) === weekday);
  assert.ok(mean(on(1), (r) => r.arrivals) > mean(on(5), (r) => r.arrivals));
});

test('higher utilisation gives longer mean waits and fewer clients within target', () => {
  const busy = generateVisitHistory({ sites: [site('x', { counters: 5 })], endDay });
  const calm = generateVisitHistory({ sites: [site('x', { counters: 12 })], endDay });
  assert.ok(mean(busy, (r) => r.mean_wait_minutes) > 1.5 * mean(calm, (r) => r.mean_wait_minutes));
  const withinShare = (list: DailyStatsRow[]): number => sum(list, (r) => r.served_within_target) / sum(list, (r) => r.served);
  assert.ok(withinShare(busy) < withinShare(calm));
  const quiet = calm.filter((r) => r.arrivals < 80);
  assert.ok(quiet.length > 0 && mean(quiet, (r) => r.mean_wait_minutes) < 15);
});

test('a site with no yearly volume gives no rows', () => {
  assert.deepEqual(generateVisitHistory({ sites: [site('z', { yearlyVolume: 0 })], endDay }), []);
});

test('a five-day-a-week site has about 260 rows a year, fewer once holidays close it', () => {
  const plain = generateVisitHistory({ sites: [site('x')], endDay });
  assert.ok(plain.length >= 259 && plain.length <= 262, String(plain.length));
  assert.ok(rowsOf('a').length >= plain.length - 12 && rowsOf('a').length < plain.length);
});

test('a shorter window keeps the yearly level and the seasonality', () => {
  const april = generateVisitHistory({ sites: [site('a')], endDay: '2024-04-30', days: 30 });
  assert.equal(april.length, 22);
  assert.ok(april.every((r) => r.service_day >= '2024-04-01'));
  const dailyMean = 18_000 / 260;
  assert.ok(mean(april, (r) => r.arrivals) > 1.1 * dailyMean);
});

test('560 sites over a year generate quickly', () => {
  const many = Array.from({ length: 560 }, (_, i) => site(`s${i}`, { provinceCode: i % 2 ? 'ON' : 'BC' }));
  const started = performance.now();
  const all = generateVisitHistory({ sites: many, endDay, isHoliday });
  assert.ok(all.length > 560 * 240);
  assert.ok(performance.now() - started < 1000, `${Math.round(performance.now() - started)} ms`);
});

test('malformed options are refused', () => {
  assert.throws(() => generateVisitHistory({ sites, endDay: '2024-02-30' }), RangeError);
  assert.throws(() => generateVisitHistory({ sites, endDay, days: 0 }), RangeError);
});

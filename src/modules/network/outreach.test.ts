import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidRule, nextVisits, outreachOpening } from './outreach.js';

const schedule = (rule: string, startsOn = '2026-11-03') => ({ rule, startsOn, endsOn: null, opensAt: '09:00', closesAt: '12:00', hostCommunity: 'Iqaluit' });

test('every second Tuesday, in the site’s zone, skipping closed days', () => {
  const visits = nextVisits({ schedules: [schedule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU')], timeZone: 'America/Iqaluit', fromDate: '2026-11-23', count: 3, isClosed: (d) => d === '2026-12-15' });
  assert.deepEqual(visits.map((v) => v.date), ['2026-12-01', '2026-12-29', '2027-01-12']);
  assert.equal(visits[0]!.startsAt.toISOString(), '2026-12-01T14:00:00.000Z');
});

test('monthly patterns and an end date', () => {
  const last = nextVisits({ schedules: [schedule('FREQ=MONTHLY;BYDAY=-1FR')], timeZone: 'America/Winnipeg', fromDate: '2026-11-01', count: 2, isClosed: () => false });
  assert.deepEqual(last.map((v) => v.date), ['2026-11-27', '2026-12-25']);
  const ended = nextVisits({ schedules: [{ ...schedule('FREQ=WEEKLY;BYDAY=MO'), endsOn: '2026-11-30' }], timeZone: 'America/Toronto', fromDate: '2026-11-23', count: 5, isClosed: () => false });
  assert.deepEqual(ended.map((v) => v.date), ['2026-11-23', '2026-11-30']);
});

test('only weekly and monthly rules the calendar can show are accepted', () => {
  assert.ok(isValidRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'));
  assert.ok(isValidRule('FREQ=MONTHLY;BYDAY=1WE'));
  assert.ok(!isValidRule('FREQ=SECONDLY'));
  assert.ok(!isValidRule('FREQ=WEEKLY;BYDAY=XX'));
  assert.ok(!isValidRule('FREQ=WEEKLY\nRRULE:FREQ=DAILY'));
});

test('open during a visit, else the next visit', () => {
  const visits = nextVisits({ schedules: [schedule('FREQ=WEEKLY;BYDAY=TU')], timeZone: 'America/Toronto', fromDate: '2026-11-24', count: 2, isClosed: () => false });
  const weekday = (d: string) => ((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  assert.deepEqual(outreachOpening(visits, new Date('2026-11-24T15:00:00Z'), '2026-11-24', weekday), { open: true, closesAt: '12:00' });
  assert.deepEqual(outreachOpening(visits, new Date('2026-11-24T18:00:00Z'), '2026-11-24', weekday), { open: false, next: { weekday: 2, opensAt: '09:00', daysAhead: 7 } });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, bookingReference, defaultAppointmentCounters, instantToLocal, isoWeekday, listSlots, localToInstant } from './slots.js';

const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:30', closesAt: '16:30' }));

test('slots follow the site’s hours in its own zone, daylight saving included', () => {
  // Tuesday 10 March 2026 in Toronto is after the spring change (UTC−4); 3 March is before (UTC−5).
  const before = listSlots({ date: '2026-03-03', timeZone: 'America/Toronto', hours, slotMinutes: 20, capacity: 2, bookings: [], earliest: new Date(0) });
  const after = listSlots({ date: '2026-03-10', timeZone: 'America/Toronto', hours, slotMinutes: 20, capacity: 2, bookings: [], earliest: new Date(0) });
  assert.equal(before.length, 24);
  assert.equal(before[0]!.startsAt.toISOString(), '2026-03-03T13:30:00.000Z');
  assert.equal(after[0]!.startsAt.toISOString(), '2026-03-10T12:30:00.000Z');
  assert.equal(after.at(-1)!.time, '16:10');
  // Regina keeps standard time all year.
  assert.equal(listSlots({ date: '2026-07-07', timeZone: 'America/Regina', hours, slotMinutes: 30, capacity: 1, bookings: [], earliest: new Date(0) })[0]!.startsAt.toISOString(), '2026-07-07T14:30:00.000Z');
  assert.deepEqual(listSlots({ date: '2026-03-08', timeZone: 'America/Toronto', hours, slotMinutes: 20, capacity: 2, bookings: [], earliest: new Date(0) }), [], 'closed on Sunday');
});

test('capacity counts overlapping bookings, whatever their length', () => {
  const date = '2026-03-10';
  const at = (time: string) => localToInstant(date, time, 'America/Halifax');
  const bookings = [
    { startsAt: at('09:00'), endsAt: at('09:30') },
    { startsAt: at('09:15'), endsAt: at('09:30') },
  ];
  const slots = listSlots({ date, timeZone: 'America/Halifax', hours, slotMinutes: 15, capacity: 2, bookings, earliest: new Date(0) });
  const remaining = (time: string) => slots.find((s) => s.time === time)!.remaining;
  assert.equal(remaining('08:45'), 2);
  assert.equal(remaining('09:00'), 1);
  assert.equal(remaining('09:15'), 0);
  assert.equal(remaining('09:30'), 2);
});

test('no slot starts before the earliest instant (now plus the lead time)', () => {
  const date = '2026-03-10';
  const slots = listSlots({ date, timeZone: 'America/Vancouver', hours, slotMinutes: 60, capacity: 1, bookings: [], earliest: localToInstant(date, '12:10', 'America/Vancouver') });
  assert.deepEqual(slots.map((s) => s.time), ['12:30', '13:30', '14:30', '15:30']);
});

test('dates, weekdays, references and default capacity', () => {
  assert.equal(isoWeekday('2026-11-23'), 1);
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.deepEqual(instantToLocal(new Date('2026-11-23T15:00:00Z'), 'America/St_Johns'), { date: '2026-11-23', time: '11:30' });
  let n = 0;
  assert.match(bookingReference(() => n++ % 31), /^[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}$/);
  assert.equal(defaultAppointmentCounters(0), 1);
  assert.equal(defaultAppointmentCounters(7), 4);
});

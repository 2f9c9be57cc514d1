import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addBusinessDays, businessDaysBetween, isBusinessDay } from './business-days.js';

test('weekends and provincial holidays are not business days', () => {
  assert.equal(isBusinessDay('2026-11-21', 'ON'), false); // Saturday
  assert.equal(isBusinessDay('2026-07-01', 'ON'), false); // Canada Day
  assert.equal(isBusinessDay('2026-06-24', 'QC'), false); // Fête nationale du Québec
  assert.equal(isBusinessDay('2026-06-24', 'ON'), true);
});

test('ten business days from a Monday land two weeks later, skipping a holiday', () => {
  assert.equal(addBusinessDays('2026-11-02', 10, 'ON'), '2026-11-16');
  // Remembrance Day (11 November) is a holiday in Nova Scotia: one more day there... but not in Ontario.
  assert.equal(addBusinessDays('2026-11-02', 10, 'NS'), '2026-11-17');
});

test('counting back gives what adding gave', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom('ON', 'QC', 'BC', 'NL'), (offset, count, province) => {
      const start = new Date(Date.parse('2025-01-01T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);
      assert.equal(businessDaysBetween(start, addBusinessDays(start, count, province), province), count);
    }),
    { numRuns: 200 },
  );
});

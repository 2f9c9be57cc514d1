import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callerAddress } from './self-service.js';

test('a caller is counted by their number; a withheld number by the line it called', () => {
  const line = 'a7e1c2d4-0000-4000-8000-000000000001';
  assert.equal(callerAddress({ from_number: '+1 (613) 555-0123', line_id: line }), 'tel:+16135550123');
  assert.equal(callerAddress({ from_number: '613-555-0123', line_id: line }), 'tel:+16135550123', 'written differently, the same caller');
  assert.equal(callerAddress({ from_number: '+44 20 7946 0958', line_id: line }), 'tel:+442079460958');
  for (const withheld of ['unknown', 'Anonymous', 'RESTRICTED', '', '+']) assert.equal(callerAddress({ from_number: withheld, line_id: line }), `line:${line}`, withheld);
});

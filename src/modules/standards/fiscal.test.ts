import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fiscalYearOfDay, monthsOf, parseFiscalYear } from './fiscal.js';

test('fiscal years run April to March', () => {
  assert.equal(fiscalYearOfDay('2026-03-31').label, '2025-2026');
  assert.equal(fiscalYearOfDay('2026-04-01').label, '2026-2027');
  assert.deepEqual(parseFiscalYear('2025-2026'), { label: '2025-2026', startYear: 2025, from: '2025-04-01', to: '2026-03-31' });
  assert.equal(parseFiscalYear('2025-2027'), null);
  assert.equal(parseFiscalYear('abc'), null);
  const months = monthsOf(parseFiscalYear('2025')!);
  assert.deepEqual([months[0], months[8], months[9], months[11]], ['2025-04', '2025-12', '2026-01', '2026-03']);
});

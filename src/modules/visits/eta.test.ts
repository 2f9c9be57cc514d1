import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SERVICE_TIME, estimateError, estimateWait, quartiles } from './eta.js';

test('more clients ahead or fewer counters mean a longer wait; the range is never empty', () => {
  const serviceTime = { q1Minutes: 8, q3Minutes: 14, samples: 100 };
  const one = estimateWait({ ahead: 4, counters: 2, serviceTime });
  const more = estimateWait({ ahead: 8, counters: 2, serviceTime });
  const fewer = estimateWait({ ahead: 4, counters: 1, serviceTime });
  assert.deepEqual(one, { minMinutes: 16, maxMinutes: 35 });
  assert.ok(more.minMinutes > one.minMinutes && more.maxMinutes > one.maxMinutes);
  assert.ok(fewer.minMinutes > one.minMinutes);
  const next = estimateWait({ ahead: 0, counters: 3, serviceTime });
  assert.equal(next.minMinutes, 0);
  assert.ok(next.maxMinutes >= 1);
});

test('with no counter open the wait includes one more service', () => {
  const closed = estimateWait({ ahead: 2, counters: 0, serviceTime: DEFAULT_SERVICE_TIME });
  const open = estimateWait({ ahead: 2, counters: 1, serviceTime: DEFAULT_SERVICE_TIME });
  assert.ok(closed.maxMinutes > open.maxMinutes);
});

test('quartiles interpolate like percentile_cont', () => {
  assert.deepEqual(quartiles([1, 2, 3, 4, 5]), { q1Minutes: 2, q3Minutes: 4, samples: 5 });
  assert.deepEqual(quartiles([]), DEFAULT_SERVICE_TIME);
});

test('the error report counts hits within the range and the midpoint error', () => {
  const report = estimateError([
    { range: { minMinutes: 10, maxMinutes: 20 }, actualMinutes: 12 },
    { range: { minMinutes: 10, maxMinutes: 20 }, actualMinutes: 30 },
  ]);
  assert.equal(report.count, 2);
  assert.equal(report.withinRangeShare, 0.5);
  assert.equal(report.meanAbsoluteErrorMinutes, 9);
  assert.equal(report.meanSignedErrorMinutes, -6);
  assert.equal(estimateError([]).count, 0);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asteriskHoldtime, estimateWaitSeconds, genesysEstimateSeconds, meanAbsoluteError, waitBand } from './estimate.js';

test('the announcement is a band, never a false precision', () => {
  assert.deepEqual(waitBand(0), { key: 'contact.wait.under', values: { minutes: 5 } });
  assert.deepEqual(waitBand(299), { key: 'contact.wait.under', values: { minutes: 5 } });
  assert.deepEqual(waitBand(300), { key: 'contact.wait.between', values: { min: 5, max: 10 } });
  assert.deepEqual(waitBand(25 * 60), { key: 'contact.wait.between', values: { min: 20, max: 30 } });
  assert.deepEqual(waitBand(75 * 60), { key: 'contact.wait.over', values: { minutes: 60 } });
});

test('Asterisk folds answered waits as (3·old + new)/4, starting from the first', () => {
  assert.equal(asteriskHoldtime([]), 0);
  assert.equal(asteriskHoldtime([100]), 100);
  assert.equal(asteriskHoldtime([100, 200]), 125);
  assert.equal(asteriskHoldtime([100, 200, 300]), Math.round((3 * 125 + 300) / 4));
});

test('ours: a free agent answers at once; otherwise turns × handle time / agents, less those who give up', () => {
  const base = { handleSeconds: 300, busyElapsed: [10, 20], free: 0 };
  assert.equal(estimateWaitSeconds({ ...base, ahead: 0, free: 1 }), 0);
  assert.equal(estimateWaitSeconds({ ...base, ahead: 0 }), 150);
  assert.equal(estimateWaitSeconds({ ...base, ahead: 3 }), 600);
  assert.equal(estimateWaitSeconds({ ...base, ahead: 3, holdingAhead: 2, abandonRate: 0.5 }), 450);
  assert.equal(estimateWaitSeconds({ ahead: 2, free: 0, busyElapsed: [], handleSeconds: 300 }), 900, 'nobody staffed');
  assert.equal(genesysEstimateSeconds({ ...base, ahead: 3 }), 450);
  assert.equal(meanAbsoluteError([{ estimate: 10, actual: 20 }, { estimate: 30, actual: 10 }]), 15);
  assert.equal(meanAbsoluteError([]), null);
});

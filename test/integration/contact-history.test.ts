/**
 * The demo's year: seed 002's scale (4.66 M calls offered, about 31 % answered), business lines
 * closed on weekends and holidays, loaded in one go and read back with live days by
 * getContactDailyVolumes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemActor } from '../../src/platform/audit.repo.js';
import { arriveCall, chooseOption, getContactDailyVolumes, loadDemoContactHistory } from '../../src/modules/contact/index.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
before(async () => void (database = await createTestDatabase()));
after(() => database.close());

test('a year of daily figures at seed 002’s scale, then live days', async () => {
  const actor = systemActor('test');
  await loadDemoContactHistory({ db: database.db, endDay: '2026-11-22', actor });
  await loadDemoContactHistory({ db: database.db, endDay: '2026-11-22', actor }); // a second load changes nothing
  const year = await getContactDailyVolumes({ db: database.db, from: '2025-11-23', to: '2026-11-22' });
  const offered = year.reduce((s, r) => s + r.offered, 0);
  const answered = year.reduce((s, r) => s + r.answered, 0);
  assert.ok(Math.abs(offered - 4_660_000) / 4_660_000 < 0.03, `offered ${offered}`);
  assert.ok(answered / offered > 0.27 && answered / offered < 0.36, `answer rate ${answered / offered}`);
  assert.ok(!year.some((r) => r.day === '2025-12-25' && r.lineCode === 'ei'), 'business lines are closed on Christmas');
  assert.ok(year.some((r) => r.day === '2025-12-25' && r.lineCode === 'crisis'), 'the crisis line is not');
  assert.ok(year.every((r) => r.inquiriesWithinStandard <= r.inquiries && r.answered <= r.offered));

  const clock = fixedClock('2026-11-23T15:00:00Z');
  const { call } = await arriveCall({ db: database.db, clock, actor, lineRef: 'passport', from: '6135550100' });
  await chooseOption({ db: database.db, clock, actor, callId: call.id, choice: 'callback' });
  const today = await getContactDailyVolumes({ db: database.db, from: '2026-11-23', to: '2026-11-23' });
  assert.deepEqual(today.map((r) => [r.lineCode, r.offered, r.callbacksRequested]), [['passport', 1, 1]]);
});

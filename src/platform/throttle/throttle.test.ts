/** The throttles on a real database: counting, forgiving, alerts raised once with their metric and log line, pruning. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Registry } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { listAudit, type Actor } from '../audit.repo.js';
import { fixedClock } from '../clock.js';
import { SIGN_IN_POLICY, type ThrottlePolicy } from './policy.js';
import { countAttempt, createGuard, forgiveAttempt, pruneThrottles, raiseAlerts, type Guard } from './throttle.service.js';

const actor: Actor = { type: 'public', id: null, ip: '192.0.2.1', requestId: 'test' };
/** Alerts soon, so a handful of attempts shows them. */
const POLICY: ThrottlePolicy = { ...SIGN_IN_POLICY, subject: { ...SIGN_IN_POLICY.subject, alertAddresses: 3 }, global: { windowMinutes: 15, alertFailures: 6 } };

describe('guessing throttles', () => {
  let database: TestDatabase;
  let guard: Guard;
  const registry = new Registry();
  const logged: { fields: object; message: string }[] = [];
  const clock = fixedClock('2026-11-23T15:00:00Z');
  before(async () => {
    database = await createTestDatabase();
    guard = await createGuard({ db: database.db, registry, log: { warn: (fields, message) => logged.push({ fields, message }) } });
  });
  after(() => database.close());

  const attempt = (subject: string, address: string) => countAttempt({ db: database.db, guard, policy: POLICY, subject, address, now: clock.now() });

  test('every process derives the same keys from the shared secret', async () => {
    const other = await createGuard({ db: database.db });
    assert.deepEqual(other.key, guard.key);
    assert.equal(guard.key.length, 32);
  });

  test('a success forgives its own count and forgets the pair', async () => {
    await attempt('ana@example.ca', 'ip:192.0.2.1');
    const second = await attempt('ana@example.ca', 'ip:192.0.2.1');
    assert.deepEqual([second.counted.pair.failures, second.counted.address.failures], [2, 2]);
    await forgiveAttempt({ db: database.db, attempt: second });
    const third = await attempt('ana@example.ca', 'ip:192.0.2.1');
    assert.deepEqual([third.counted.pair.failures, third.counted.address.failures], [1, 2]);
  });

  test('failures from several addresses raise one alert, counted and logged without the subject or the address', async () => {
    const raised = [];
    for (const address of ['ip:198.51.100.1', 'ip:198.51.100.2', 'ip:198.51.100.3', 'ip:198.51.100.4']) {
      const counted = await attempt('bob@example.ca', address);
      raised.push(...(await raiseAlerts({ db: database.db, guard, attempt: counted, actor, entity: { type: 'staff_user', id: 'bob' } })));
    }
    // A second process raising it for the same window finds it claimed.
    const elsewhere = await createGuard({ db: database.db });
    assert.deepEqual(await raiseAlerts({ db: database.db, guard: elsewhere, attempt: await attempt('bob@example.ca', 'ip:198.51.100.5'), actor }), []);
    assert.deepEqual(raised.map((a) => a.kind), ['subject', 'global']);
    const rows = await listAudit(database.db, { action: 'security.guessing_alert', limit: 10 });
    assert.deepEqual(rows.map((r) => [r.entity_id, (r.details as { kind: string }).kind]), [[null, 'global'], ['bob', 'subject']]);
    const metrics = await registry.metrics();
    assert.match(metrics, /guichet_throttle_alerts_total\{scope="sign_in",kind="subject"\} 1/);
    assert.match(metrics, /guichet_throttle_alerts_total\{scope="sign_in",kind="global"\} 1/);
    assert.equal(logged.length, 2);
    const text = JSON.stringify(logged);
    for (const secret of ['bob', '198.51.100', '192.0.2']) assert.ok(!text.includes(secret), secret);
    assert.match(logged[0]!.message, /guessing anomaly: \d+ failures from 3 addresses on one sign_in subject within 60 minutes/);
  });

  test('refusals are counted by what held them back', async () => {
    for (let i = 0; i <= POLICY.pair.free + 1; i++) await attempt('carl@example.ca', 'ip:203.0.113.9');
    assert.match(await registry.metrics(), /guichet_throttle_refusals_total\{scope="sign_in",reason="pair"\} [1-9]/);
  });

  test('keys prune themselves once forgotten, and start again from one', async () => {
    assert.ok((await database.db.selectFrom('throttle_entries').select('address').execute()).length > 0);
    clock.advance((POLICY.pair.forgetHours + 25) * 3_600_000);
    const removed = await pruneThrottles({ db: database.db, clock });
    assert.ok(removed > 10);
    assert.deepEqual(await database.db.selectFrom('throttle_entries').select('address').execute(), []);
    assert.deepEqual(await database.db.selectFrom('throttle_alerts').select('scope').execute(), []);
    const fresh = await attempt('carl@example.ca', 'ip:203.0.113.9');
    assert.deepEqual([fresh.counted.pair.failures, fresh.verdict.allowed], [1, true]);
  });
});

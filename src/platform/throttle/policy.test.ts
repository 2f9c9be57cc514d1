import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { networkAddress } from './address.js';
import { alertsDue, decide, SIGN_IN_POLICY, STATUS_POLICY, waitMinutes, windowStart, type Counted } from './policy.js';

const now = new Date('2026-11-23T15:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

/** Counts as the repo returns them: this attempt included in `pair`, `address` and `total`. */
const counted = (over: { pair?: [number, Date | null]; address?: [number, Date | null]; others?: [number, number]; total?: number } = {}): Counted => ({
  pair: { failures: over.pair?.[0] ?? 1, previousFailureAt: over.pair?.[1] ?? null },
  address: { failures: over.address?.[0] ?? 1, previousFailureAt: over.address?.[1] ?? null },
  others: { addresses: over.others?.[0] ?? 0, failures: over.others?.[1] ?? 0 },
  total: over.total ?? 1,
});

describe('back-off', () => {
  test('free failures first, then a wait that doubles up to the cap', () => {
    const waits = Array.from({ length: 12 }, (_, i) => waitMinutes(STATUS_POLICY.pair, i));
    assert.deepEqual(waits, [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
    assert.equal(waitMinutes(SIGN_IN_POLICY.pair, 5), 0);
    assert.equal(waitMinutes(SIGN_IN_POLICY.pair, 6), 1);
  });

  test('an address with its free failures spent waits, then may try again', () => {
    // Three failures before this attempt: free. Four before, the last a few seconds ago: wait a minute.
    assert.deepEqual(decide(STATUS_POLICY, counted({ pair: [4, minutesAgo(0.1)] }), now), { allowed: true });
    const refused = decide(STATUS_POLICY, counted({ pair: [5, minutesAgo(0.1)] }), now);
    assert.equal(refused.allowed, false);
    assert.equal(!refused.allowed && refused.reason, 'pair');
    // The refused attempt counted too: the next wait is the one five failures bring.
    assert.equal(!refused.allowed && refused.retryAfterSeconds, 120);
    assert.deepEqual(decide(STATUS_POLICY, counted({ pair: [5, minutesAgo(1.5)] }), now), { allowed: true });
  });

  test('an address scanning many numbers is held back on every number', () => {
    const verdict = decide(STATUS_POLICY, counted({ address: [STATUS_POLICY.address.free + 2, minutesAgo(0.5)] }), now);
    assert.equal(!verdict.allowed && verdict.reason, 'address');
  });
});

describe('a subject under attack', () => {
  const attack = [STATUS_POLICY.subject.attackAddresses, 40] as [number, number];

  test('an address that has not failed on it gets its try', () => {
    assert.deepEqual(decide(STATUS_POLICY, counted({ others: [49, 200] }), now), { allowed: true });
  });

  test('an address that has failed on it waits for the cap, though its own back-off would not hold it', () => {
    const verdict = decide(STATUS_POLICY, counted({ pair: [2, minutesAgo(5)], others: attack }), now);
    assert.equal(!verdict.allowed && verdict.reason, 'subject');
    assert.equal(!verdict.allowed && verdict.retryAfterSeconds, STATUS_POLICY.pair.capMinutes * 60);
    assert.deepEqual(decide(STATUS_POLICY, counted({ pair: [2, minutesAgo(61)], others: attack }), now), { allowed: true });
    assert.deepEqual(decide(STATUS_POLICY, counted({ pair: [2, minutesAgo(5)], others: [2, 4] }), now), { allowed: true }, 'not under attack: a typing mistake is free');
  });

  test('many failures from one other address count as an attack too', () => {
    const verdict = decide(STATUS_POLICY, counted({ pair: [2, minutesAgo(5)], others: [1, STATUS_POLICY.subject.attackFailures] }), now);
    assert.equal(verdict.allowed, false);
  });
});

describe('alerts', () => {
  test('failures across addresses on one subject, or across a scope, raise an alert', () => {
    assert.deepEqual(alertsDue(STATUS_POLICY, counted({ others: [STATUS_POLICY.subject.alertAddresses - 2, 9] })), []);
    assert.deepEqual(alertsDue(STATUS_POLICY, counted({ others: [STATUS_POLICY.subject.alertAddresses - 1, 9] })), ['subject']);
    assert.deepEqual(alertsDue(SIGN_IN_POLICY, counted({ pair: [SIGN_IN_POLICY.subject.alertFailures, null] })), ['subject']);
    assert.deepEqual(alertsDue(STATUS_POLICY, counted({ total: STATUS_POLICY.global.alertFailures })), ['global']);
  });

  test('windows are aligned, so every process names the same one', () => {
    assert.equal(windowStart(new Date('2026-11-23T15:14:59Z'), 15).toISOString(), '2026-11-23T15:00:00.000Z');
    assert.equal(windowStart(new Date('2026-11-23T15:15:00Z'), 15).toISOString(), '2026-11-23T15:15:00.000Z');
  });
});

describe('network addresses', () => {
  test('IPv4 as is, IPv4 written as IPv6 as IPv4, IPv6 by its /64', () => {
    assert.equal(networkAddress('192.0.2.7'), 'ip:192.0.2.7');
    assert.equal(networkAddress('::ffff:192.0.2.7'), 'ip:192.0.2.7');
    assert.equal(networkAddress('2001:db8:1:2:aaaa::1'), 'ip6:2001:db8:1:2::/64');
    assert.equal(networkAddress('2001:db8:1:2:ffff:ffff:ffff:ffff'), networkAddress('2001:db8:1:2::9'));
    assert.notEqual(networkAddress('2001:db8:1:3::1'), networkAddress('2001:db8:1:2::1'));
    assert.equal(networkAddress(null), 'ip:none');
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { compareForCall, formatTicket, orderForCall, queueRank, ticketPrefix, type QueueEntry } from './queue-policy.js';
import * as repo from './visits.repo.js';

const NOW = new Date('2026-11-23T15:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const entry = (id: string, patch: Partial<QueueEntry> = {}): QueueEntry => ({ id, arrivedAt: minutesAgo(5), appointmentAt: null, priority: false, counterId: null, ...patch });
const policy = { now: NOW, counterId: 'c1', maxPassOverMinutes: 45 };

describe('the call order policy', () => {
  test('transferred to this counter, then overdue, then appointments due, then priority, then arrival', () => {
    const queue = [
      entry('plain-early', { arrivedAt: minutesAgo(30) }),
      entry('plain-late', { arrivedAt: minutesAgo(2) }),
      entry('priority', { arrivedAt: minutesAgo(1), priority: true }),
      entry('appointment-due', { arrivedAt: minutesAgo(1), appointmentAt: new Date(NOW.getTime() + 5 * 60_000) }),
      entry('appointment-later', { arrivedAt: minutesAgo(3), appointmentAt: new Date(NOW.getTime() + 60 * 60_000) }),
      entry('overdue', { arrivedAt: minutesAgo(50) }),
      entry('for-me', { arrivedAt: minutesAgo(1), counterId: 'c1' }),
      entry('for-another', { arrivedAt: minutesAgo(60), counterId: 'c2' }),
    ];
    assert.deepEqual(
      orderForCall(queue, policy).map((e) => e.id),
      ['for-me', 'overdue', 'appointment-due', 'priority', 'plain-early', 'appointment-later', 'plain-late'],
    );
  });

  test('nobody waits past the cap while later arrivals are called ahead of them', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ waited: fc.integer({ min: 0, max: 120 }), priority: fc.boolean(), appointmentIn: fc.option(fc.integer({ min: -30, max: 60 })) }), { minLength: 1, maxLength: 30 }), (specs) => {
        const queue = specs.map((s, i) => entry(`v${i}`, { arrivedAt: minutesAgo(s.waited), priority: s.priority, appointmentAt: s.appointmentIn === null ? null : new Date(NOW.getTime() + s.appointmentIn * 60_000) }));
        const ordered = orderForCall(queue, policy);
        // Everyone over the cap is called before anyone under it, in arrival order.
        const overdue = ordered.filter((e) => queueRank(e, policy) === 1);
        assert.deepEqual(ordered.slice(0, overdue.length), overdue);
        for (let i = 1; i < overdue.length; i++) assert.ok(overdue[i - 1]!.arrivedAt <= overdue[i]!.arrivedAt);
        // Within plain clients, strict arrival order.
        const plain = ordered.filter((e) => queueRank(e, policy) === 4);
        for (let i = 1; i < plain.length; i++) assert.ok(plain[i - 1]!.arrivedAt <= plain[i]!.arrivedAt);
      }),
    );
  });

  test('the comparison is a total order (antisymmetric, transitive on samples)', () => {
    const a = entry('a', { priority: true });
    const b = entry('b', { arrivedAt: minutesAgo(10) });
    assert.equal(Math.sign(compareForCall(a, b, policy)), -Math.sign(compareForCall(b, a, policy)));
    assert.equal(compareForCall(a, a, policy), 0);
  });

  test('tickets are short, with a letter per line', () => {
    assert.equal(formatTicket(ticketPrefix({ channel: 'walk_in', priority: true }), 42), 'P-042');
    assert.equal(formatTicket(ticketPrefix({ channel: 'remote', priority: false }), 7), 'R-007');
    assert.equal(formatTicket(ticketPrefix({ channel: 'appointment', priority: true }), 1234), 'A-1234');
  });
});

describe('the database applies the same order as the written policy', () => {
  let database: TestDatabase;
  let siteId: string;
  before(async () => {
    database = await createTestDatabase();
    const site = await database.db
      .insertInto('service_points')
      .values({ code: 'T-1', external_id: 'T-1', type: 'scc', name_en: 'Test', name_fr: 'Test', address_line: '1 Main', city: 'Ottawa', province_code: 'ON', latitude: 45.4, longitude: -75.7, time_zone: 'America/Toronto' })
      .returning('id')
      .executeTakeFirstOrThrow();
    siteId = site.id;
  });
  after(() => database.close());

  test('claimNext takes clients in orderForCall order, for random queues', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ waited: fc.integer({ min: 0, max: 90 }), priority: fc.boolean(), appointmentIn: fc.option(fc.integer({ min: -20, max: 40 })), toMe: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        async (specs) => {
          const day = `2026-11-${String(10 + Math.floor(Math.random() * 10)).padStart(2, '0')}`;
          const counter = await repo.insertCounter(database.db, { siteId, name: `C-${randomUUID()}`, openedBy: 'test', now: NOW, services: ['passport'] });
          const visits = [];
          for (const [i, s] of specs.entries()) {
            visits.push(
              await repo.insertVisit(database.db, {
                service_point_id: siteId,
                service_day: day,
                ticket: `X-${randomUUID().slice(0, 8)}-${i}`,
                service_code: 'passport',
                channel: s.appointmentIn === null ? 'walk_in' : 'appointment',
                language: 'en',
                destination: 'counter',
                priority: s.priority,
                state: 'waiting',
                arrived_at: minutesAgo(s.waited),
                checked_in_at: minutesAgo(s.waited),
                appointment_at: s.appointmentIn === null ? null : new Date(NOW.getTime() + s.appointmentIn * 60_000),
                counter_id: s.toMe ? counter.id : null,
                public_token: randomUUID(),
              }),
            );
          }
          const expected = orderForCall(
            visits.map((v) => ({ id: v.id, arrivedAt: v.arrived_at, appointmentAt: v.appointment_at, priority: v.priority, counterId: v.counter_id })),
            { now: NOW, counterId: counter.id, maxPassOverMinutes: 45 },
          ).map((v) => v.id);
          const claimed: string[] = [];
          for (;;) {
            const next = await repo.claimNext(database.db, { siteId, counterId: counter.id, now: NOW, maxPassOverMinutes: 45 });
            if (!next) break;
            claimed.push(next.id);
            await repo.updateVisit(database.db, next.id, { state: 'completed' });
          }
          assert.deepEqual(claimed, expected);
        },
      ),
      { numRuns: 25 },
    );
  });
});

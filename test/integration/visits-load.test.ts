/**
 * Calling under load. PostgreSQL: two server processes, 50 counters calling at once over 2,000
 * waiting clients; every client is called exactly once, the order policy holds (each call takes
 * one of the best clients still free), and one Idempotency-Key sent to both processes at once
 * gets one client. Embedded: the same over one process. Both engines: SIGKILL during a load of
 * joins and calls loses no acknowledged join and calls nobody twice.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp } from '../helpers/app.js';
import { createTestDatabase, onPostgres } from '../helpers/database.js';
import { cli, killAll, startServer } from '../helpers/process.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import { openDatabase, type Db } from '../../src/platform/db/database.js';
import { orderForCall } from '../../src/modules/visits/index.js';

after(killAll);

const embeddedTest = onPostgres() ? () => undefined : test;
const postgresTest = onPostgres() ? test : () => undefined;

async function insertSite(db: Db): Promise<string> {
  const site = await db
    .insertInto('service_points')
    .values({ code: 'LOAD-1', external_id: 'LOAD-1', type: 'scc', name_en: 'Load test office', name_fr: 'Bureau d’essai', address_line: '1 Main', city: 'Ottawa', province_code: 'ON', latitude: 45.42, longitude: -75.69, time_zone: 'America/Toronto' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('service_point_services').values([{ service_point_id: site.id, service_code: 'passport' }, { service_point_id: site.id, service_code: 'sin' }]).execute();
  return site.id;
}

/** `count` clients in the building, arrived over the last ten minutes, one in seven in priority. */
async function seedWaiting(db: Db, siteId: string, count: number, now: Date, firstTicket = 0) {
  const day = now.toISOString().slice(0, 10);
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, k) => {
      const i = start + k;
      const arrived = new Date(now.getTime() - 600_000 + Math.floor((i / count) * 590_000));
      return {
        service_point_id: siteId,
        service_day: day,
        ticket: `L-${String(firstTicket + i).padStart(4, '0')}`,
        service_code: i % 3 === 0 ? 'sin' : 'passport',
        channel: 'walk_in' as const,
        language: 'en' as const,
        destination: 'counter' as const,
        priority: i % 7 === 0,
        state: 'waiting' as const,
        arrived_at: arrived,
        checked_in_at: arrived,
        public_token: randomUUID(),
      };
    });
    await db.insertInto('visits').values(rows).execute();
  }
}

/** Every client called once; the calls, in commit order, stay within `slack` places of the policy's order. */
async function assertCalledOnceInOrder(db: Db, siteId: string, now: Date, slack: number) {
  const visits = await db.selectFrom('visits').selectAll().where('service_point_id', '=', siteId).execute();
  assert.ok(visits.every((v) => v.state === 'completed'), 'nobody is left waiting');
  const calls = await db.selectFrom('visit_events').select(['visit_id']).where('type', '=', 'called').orderBy('id').execute();
  assert.equal(calls.length, visits.length, 'one call per client');
  assert.equal(new Set(calls.map((c) => c.visit_id)).size, visits.length, 'no client called twice');
  const expected = orderForCall(
    visits.map((v) => ({ id: v.id, arrivedAt: v.arrived_at, appointmentAt: null, priority: v.priority, counterId: null })),
    { now, counterId: '', maxPassOverMinutes: 45 },
  );
  const rank = new Map(expected.map((v, i) => [v.id, i]));
  const displacement = Math.max(...calls.map((c, i) => Math.abs(i - rank.get(c.visit_id)!)));
  assert.ok(displacement <= slack, `a call was ${displacement} places from the policy's order`);
  return displacement;
}

type Caller = (counterId: string, key: string) => Promise<{ status: number; visitId?: string }>;

/** 50 counters call and complete until nobody is left; returns the ids each call got. */
async function drain(counters: string[], call: Caller, complete: (visitId: string) => Promise<void>) {
  const got: string[] = [];
  await Promise.all(
    counters.map(async (counterId) => {
      for (;;) {
        const answer = await call(counterId, randomUUID());
        if (answer.status === 204) return;
        assert.equal(answer.status, 200);
        got.push(answer.visitId!);
        await complete(answer.visitId!);
      }
    }),
  );
  return got;
}

postgresTest('postgres: 50 counters on two processes call 2,000 clients, each exactly once, in policy order', async (t) => {
  const database = await createTestDatabase();
  try {
    const siteId = await insertSite(database.db);
    const token = (await createApiToken({ assignments: { national: true }, db: database.db, actor: systemActor('test'), name: 'load', role: 'agent' })).token;
    const env = { DATABASE_URL: database.url!, GUICHET_DEMO: 'off', LOG_LEVEL: 'warn' };
    const servers = [await startServer(env), await startServer(env)];
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = (base: string, url: string, body?: object, extra: Record<string, string> = {}) =>
      fetch(`${base}${url}`, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body ?? {}) });
    const counters: string[] = [];
    for (let i = 0; i < 50; i++) counters.push((await (await post(servers[i % 2]!.base, `/api/v1/sites/${siteId}/counters`, { name: `C${i}`, services: ['passport', 'sin'] })).json()).id);

    // One key, both processes, at once: one client.
    const now = new Date();
    await seedWaiting(database.db, siteId, 2, now);
    const key = randomUUID();
    const twice = await Promise.all(servers.map((s) => post(s.base, `/api/v1/sites/${siteId}/counters/${counters[0]}/call-next`, undefined, { 'idempotency-key': key })));
    const [a, b] = await Promise.all(twice.map((r) => r.json()));
    assert.equal(a.visit.id, b.visit.id);
    await post(servers[0]!.base, `/api/v1/visits/${a.visit.id}/complete`, { outcome: 'served' });

    await seedWaiting(database.db, siteId, 1998, now, 2);
    const drainStarted = performance.now();
    let turn = 0;
    const got = await drain(
      counters,
      async (counterId, k) => {
        const response = await post(servers[turn++ % 2]!.base, `/api/v1/sites/${siteId}/counters/${counterId}/call-next`, undefined, { 'idempotency-key': k });
        return { status: response.status, visitId: response.status === 200 ? (await response.json()).visit.id : undefined };
      },
      async (visitId) => void (await post(servers[turn++ % 2]!.base, `/api/v1/visits/${visitId}/complete`, { outcome: 'served' })),
    );
    assert.equal(got.length, 1999);
    const seconds = (performance.now() - drainStarted) / 1000;
    const displacement = await assertCalledOnceInOrder(database.db, siteId, now, 100);
    t.diagnostic(`1,999 clients called and completed once each by 50 counters on 2 processes in ${seconds.toFixed(1)} s; furthest call from the policy's order: ${displacement} places`);
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
  } finally {
    await database.close();
  }
});

embeddedTest('embedded: 50 counters call 400 clients, each exactly once, in policy order', async () => {
  const t = await buildTestApp({ now: new Date().toISOString() });
  try {
    const siteId = await insertSite(t.database.db);
    const token = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'load', role: 'agent' })).token;
    const headers = { authorization: `Bearer ${token}` };
    const counters: string[] = [];
    for (let i = 0; i < 50; i++) counters.push((await t.app.inject({ method: 'POST', url: `/api/v1/sites/${siteId}/counters`, headers, payload: { name: `C${i}`, services: ['passport', 'sin'] } })).json().id);
    const now = t.clock.now();
    await seedWaiting(t.database.db, siteId, 400, now);
    const got = await drain(
      counters,
      async (counterId, key) => {
        const response = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${siteId}/counters/${counterId}/call-next`, headers: { ...headers, 'idempotency-key': key } });
        return { status: response.statusCode, visitId: response.statusCode === 200 ? response.json().visit.id : undefined };
      },
      async (visitId) => void (await t.app.inject({ method: 'POST', url: `/api/v1/visits/${visitId}/complete`, headers, payload: { outcome: 'served' } })),
    );
    assert.equal(got.length, 400);
    // One process on one connection: calls commit one after another, in exactly the policy's order.
    assert.equal(await assertCalledOnceInOrder(t.database.db, siteId, now, 0), 0);
  } finally {
    await t.close();
  }
});

/** Joins and calls hammer the server until it is killed; what was acknowledged must survive. */
async function crashDuringLoad(env: Record<string, string>, token: string, siteRef: string) {
  const server = await startServer(env);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = (url: string, body?: object, extra: Record<string, string> = {}) => fetch(`${server.base}${url}`, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body ?? {}) });
  const counters: string[] = [];
  for (let i = 0; i < 4; i++) counters.push((await (await post(`/api/v1/sites/${siteRef}/counters`, { name: `K${i}`, services: ['passport'] })).json()).id);
  const joined: string[] = [];
  const called: string[] = [];
  let running = true;
  const joiner = async () => {
    while (running) {
      const response = await post(`/api/v1/sites/${siteRef}/visits`, { service: 'passport', channel: 'walk_in' }).catch(() => null);
      if (response?.status === 201) joined.push((await response.json().catch(() => ({}))).id);
    }
  };
  const caller = async (counterId: string) => {
    while (running) {
      const response = await post(`/api/v1/sites/${siteRef}/counters/${counterId}/call-next`, undefined, { 'idempotency-key': randomUUID() }).catch(() => null);
      if (response?.status !== 200) continue;
      const body = await response.json().catch(() => null);
      if (!body) continue;
      called.push(body.visit.id);
      await post(`/api/v1/visits/${body.visit.id}/complete`, { outcome: 'served' }).catch(() => null);
    }
  };
  const load = Promise.all([joiner(), joiner(), joiner(), ...counters.map(caller)]);
  while (joined.length < 60 || called.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
  server.child.kill('SIGKILL');
  await server.exited;
  running = false;
  await load;
  return { joined: joined.filter(Boolean), called, counters };
}

async function assertSurvived(db: Db, result: { joined: string[]; called: string[] }) {
  const ids = new Set((await db.selectFrom('visits').select('id').execute()).map((v) => v.id));
  const lost = result.joined.filter((id) => !ids.has(id));
  assert.deepEqual(lost, [], 'every acknowledged join is still there');
  const states = await db.selectFrom('visits').select(['id', 'state']).where('id', 'in', result.called).execute();
  assert.ok(states.every((v) => v.state === 'called' || v.state === 'completed'), 'every acknowledged call is still a call');
  const twice = await db.selectFrom('visit_events').select(['visit_id', sql<number>`count(*)`.as('n')]).where('type', '=', 'called').groupBy('visit_id').having(sql`count(*)`, '>', 1).execute();
  assert.deepEqual(twice, [], 'nobody was called twice');
}

embeddedTest('embedded: SIGKILL during joins and calls loses nothing acknowledged and calls nobody twice', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-crash-'));
  const csv = path.join(dataDir, 'site.csv');
  fs.writeFileSync(csv, 'external_id,name_en,name_fr,type,province,latitude,longitude,services\nLOAD-1,Load test office,Bureau d’essai,scc,ON,45.42,-75.69,passport;sin\n');
  const env = { GUICHET_DATA_DIR: path.join(dataDir, 'db'), GUICHET_DEMO: 'off', LOG_LEVEL: 'warn' };
  assert.equal(cli(['import', 'service-points', csv], env).status, 0);
  const token = cli(['token', 'create', '--role', 'agent', '--name', 'crash', '--national'], env).stdout.trim();
  const result = await crashDuringLoad(env, token, 'LOAD-1');
  // Restart, then drain what is left, then read the store itself.
  const again = await startServer(env);
  const headers = { authorization: `Bearer ${token}` };
  for (const counterId of result.counters) {
    for (;;) {
      const current = (await (await fetch(`${again.base}/api/v1/sites/LOAD-1/counters`, { headers })).json()).items.find((c: { id: string }) => c.id === counterId)?.current;
      if (current) await fetch(`${again.base}/api/v1/visits/${current.id}/complete`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{"outcome":"served"}' });
      const response = await fetch(`${again.base}/api/v1/sites/LOAD-1/counters/${counterId}/call-next`, { method: 'POST', headers });
      if (response.status === 204) break;
      await fetch(`${again.base}/api/v1/visits/${(await response.json()).visit.id}/complete`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{"outcome":"served"}' });
    }
  }
  again.child.kill('SIGTERM');
  await again.exited;
  const database = await openDatabase({ dataDir: env.GUICHET_DATA_DIR });
  try {
    await assertSurvived(database.db, result);
    assert.equal((await database.db.selectFrom('visits').select('id').where('state', '=', 'waiting').execute()).length, 0);
  } finally {
    await database.close();
  }
});

postgresTest('postgres: SIGKILL during joins and calls loses nothing acknowledged and calls nobody twice', async () => {
  const database = await createTestDatabase();
  try {
    const siteId = await insertSite(database.db);
    const token = (await createApiToken({ assignments: { national: true }, db: database.db, actor: systemActor('test'), name: 'crash', role: 'agent' })).token;
    const result = await crashDuringLoad({ DATABASE_URL: database.url!, GUICHET_DEMO: 'off', LOG_LEVEL: 'warn' }, token, siteId);
    await assertSurvived(database.db, result);
  } finally {
    await database.close();
  }
});
